import { Injectable } from '@nestjs/common';
import type { Actor } from '@profila/platform';
import { formFields } from '../documents/multipart-upload.js';
import { TemplatesService } from '../templates/templates.service.js';
import { InspectSignatureFields } from './dto/inspect-signature.dto.js';
import { SignatureInspector } from './signature-inspector.js';
import type { SignatureVerdict } from './signature-verdict.js';

export type SignatureVerdictJson = Omit<SignatureVerdict, 'signedContent'>;

@Injectable()
export class SignaturesService {
  constructor(
    private readonly inspector: SignatureInspector,
    private readonly templates: TemplatesService,
  ) {}

  /** Checks the form fields before the file is read: the request code must be well formed and the caller's. */
  async requestCodeFrom(actor: Actor, rawFields: Record<string, string>): Promise<string> {
    const fields = await formFields(InspectSignatureFields, rawFields);
    return (await this.templates.findAssociationRequest(actor, fields.requestCode)).requestCode;
  }

  /**
   * The verdict on a signed association declaration: the generated PDF of the request is what must have been
   * signed, and the citizen the request was issued to is who must have signed it.
   */
  async inspect(actor: Actor, requestCode: string, fileName: string, bytes: Buffer): Promise<SignatureVerdictJson> {
    const request = await this.templates.findAssociationRequest(actor, requestCode);
    const verdict = await this.inspector.inspect(new Uint8Array(bytes), {
      fileName,
      expected: await this.templates.expectedDocument(request),
      citizenCodiceFiscale: request.citizenCf,
    });
    const { signedContent: _signedContent, ...json } = verdict;
    return json;
  }
}
