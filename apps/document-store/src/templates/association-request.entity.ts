import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AssociationDeclarationInput } from '../pdf/association-declaration.pdf.js';

/**
 * One association declaration issued to a citizen: its request code and the hash of the PDF we generated, so that the
 * signed copy the citizen uploads can be matched back. The inputs are kept to regenerate the identical PDF (the
 * generation is deterministic) when a signing tool rewrote the file and pages must be compared.
 */
@Entity('association_request')
export class AssociationRequest {
  @PrimaryColumn({ name: 'request_code', type: 'text' })
  requestCode!: string;

  @Column({ name: 'citizen_cf', type: 'varchar', length: 16 })
  citizenCf!: string;

  @Column({ name: 'organization_cf', type: 'text' })
  organizationCf!: string;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'integer' })
  size!: number;

  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  /**
   * What the PDF was generated from (dates as ISO strings). `json`, not `jsonb`: the key order is part of the PDF's
   * deterministic file identifier, and jsonb would reorder the keys.
   */
  @Column({ type: 'json' })
  input!: AssociationDeclarationInputJson;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ name: 'requested_by', type: 'text' })
  requestedBy!: string;
}

export type AssociationDeclarationInputJson = Omit<AssociationDeclarationInput, 'issuedAt'> & { issuedAt: string };
