import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An IdP-initiated LogoutRequest already processed: the same message is refused the second time. */
@Entity('idp_logout_request')
export class IdpLogoutRequestEntity {
  @PrimaryColumn({ type: 'text' })
  idp!: string;

  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}
