import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { IsCodiceFiscalePersona } from '@profila/italian';
import { SignatureProblemCode } from '../signature-verdict.js';

export class InspectSignatureFields {
  @ApiProperty({ example: 'ASS-7K3F-9Q2M-X4TB', description: 'Codice richiesta stampato sulla dichiarazione' })
  @IsString()
  @Matches(/^[A-Za-z]{3}-[0-9A-Za-z]{4}-[0-9A-Za-z]{4}-[0-9A-Za-z]{4}$/, {
    message: 'Codice richiesta non valido (es. ASS-7K3F-9Q2M-X4TB)',
  })
  requestCode!: string;
}

export class InspectSignatureQuery {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'Solo servizi: archivia il file se accettabile (campi entityType, entityId, ownerId)',
  })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'store deve essere true o false' })
  store?: 'true' | 'false';
}

export class StoredSignatureQuery {
  @ApiPropertyOptional({
    example: 'RSSMRA80A01H501U',
    description: 'Codice fiscale di chi deve aver firmato (problema SIGNER_NOT_CITIZEN se non è tra i firmatari)',
  })
  @IsOptional()
  @IsCodiceFiscalePersona()
  expectedSigner?: string;
}

export const INSPECT_SIGNATURE_SCHEMA = {
  type: 'object',
  required: ['requestCode', 'file'],
  properties: {
    requestCode: { type: 'string', example: 'ASS-7K3F-9Q2M-X4TB' },
    entityType: { type: 'string', description: 'solo con store=true', example: 'organization' },
    entityId: { type: 'string', description: 'solo con store=true' },
    ownerId: { type: 'string', description: 'solo con store=true: codice fiscale del titolare' },
    file: { type: 'string', format: 'binary', description: 'PDF firmato (PAdES) o busta .p7m (CAdES), max 3 MB' },
  },
};

export class SignatureProblemResponse {
  @ApiProperty({ enum: SignatureProblemCode, enumName: 'SignatureProblemCode', example: 'SIGNER_NOT_CITIZEN' })
  code!: SignatureProblemCode;

  @ApiProperty({ enum: ['error', 'warning'] })
  severity!: 'error' | 'warning';

  @ApiProperty({ description: 'Messaggio per il cittadino' })
  message!: string;

  @ApiPropertyOptional({ description: 'Indice del firmatario interessato' })
  signer?: number;
}

export class SignerResponse {
  @ApiProperty({ enum: ['PAdES', 'CAdES'] })
  format!: string;

  @ApiProperty({ nullable: true, type: String, example: 'LORENZO VENTURI' })
  name!: string | null;

  @ApiProperty({ nullable: true, type: String })
  codiceFiscale!: string | null;

  @ApiProperty()
  issuer!: string;

  @ApiProperty({ format: 'date-time' })
  notBefore!: string;

  @ApiProperty({ format: 'date-time' })
  notAfter!: string;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  signingTime!: string | null;

  @ApiProperty()
  validNow!: boolean;

  @ApiProperty()
  signatureIntact!: boolean;

  @ApiProperty()
  issuerTrusted!: boolean;

  @ApiProperty()
  qualified!: boolean;

  @ApiProperty({ nullable: true, type: Boolean })
  matchesCitizen!: boolean | null;
}

/** The verdict, check by check (more fields than listed here: every SignatureVerdict field but the signed bytes). */
export class SignatureVerdictResponse {
  @ApiProperty({ description: 'Nessun problema bloccante' })
  acceptable!: boolean;

  @ApiProperty({ example: 'application/pkcs7-mime' })
  detectedContentType!: string;

  @ApiProperty({ nullable: true, enum: ['PAdES', 'CAdES'] })
  format!: string | null;

  @ApiProperty()
  hasSignature!: boolean;

  @ApiProperty()
  signatureIntact!: boolean;

  @ApiProperty()
  certificatesValid!: boolean;

  @ApiProperty()
  issuerTrusted!: boolean;

  @ApiProperty({ nullable: true, type: Boolean })
  signerMatchesCitizen!: boolean | null;

  @ApiProperty({ nullable: true, type: Boolean })
  contentMatchesExpected!: boolean | null;

  @ApiProperty({
    enum: [
      'identical',
      'original-prefix',
      'same-request-code',
      'modified',
      'other-request',
      'not-generated',
      'not-checked',
    ],
  })
  contentMatch!: string;

  @ApiProperty({ nullable: true, type: String })
  requestCode!: string | null;

  @ApiProperty({ type: [SignerResponse] })
  signers!: SignerResponse[];

  @ApiProperty({ type: [SignatureProblemResponse] })
  problems!: SignatureProblemResponse[];

  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'Con store=true e file accettabile: il documento archiviato (signed-declaration); altrimenti null',
  })
  documentId!: string | null;
}

export class StoredSignatureVerdictResponse extends SignatureVerdictResponse {
  @ApiProperty({ format: 'uuid' })
  declare documentId: string;
}
