import { Entity, PrimaryColumn } from 'typeorm';

/** A unit in the scope of a membership (scope `units`). */
@Entity('membership_unit')
export class MembershipUnit {
  @PrimaryColumn({ name: 'membership_id', type: 'uuid' })
  membershipId!: string;

  @PrimaryColumn({ name: 'unit_id', type: 'uuid' })
  unitId!: string;
}
