import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The protocol register's counter, one row per year. "Invia e protocolla" increments it inside the submitting
 * transaction (the row stays locked until commit), so numbers are unique and without gaps: a rolled-back submission
 * gives its number back.
 */
@Entity('raa_protocol_counter')
export class ProtocolCounter {
  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Column({ name: 'last_number', type: 'int' })
  lastNumber!: number;
}
