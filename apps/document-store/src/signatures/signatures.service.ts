import { Injectable } from '@nestjs/common';
import { type Actor, CommonErrorCode, CommonException } from '@profila/platform';
import { DocumentsService, type PreparedUpload, type ReceivedFile } from '../documents/documents.service.js';
import { formFields } from '../documents/multipart-upload.js';
import { TemplatesService } from '../templates/templates.service.js';
import { InspectSignatureFields } from './dto/inspect-signature.dto.js';
import { SignatureInspector } from './signature-inspector.js';
import type { SignatureVerdict } from './signature-verdict.js';

export type SignatureVerdictJson = Omit<SignatureVerdict, 'signedContent'>;

/** The verdict, and the stored document when the caller asked to store an acceptable file (otherwise null). */
export type InspectionResult = SignatureVerdictJson & { documentId: string | null };

/** The verdict on a document already stored. */
export type StoredSignatureVerdict = SignatureVerdictJson & { documentId: string };

@Injectable()
export class SignaturesService {
  constructor(
    private readonly inspector: SignatureInspector,
    private readonly templates: TemplatesService,
    private readonly documents: DocumentsService,
  ) {}

  /**
   * Inspect-and-store (services only): the request code is checked like an inspection, the other fields like an
   * upload of a signed-declaration, all before the file is read.
   */
  async prepareStoredInspection(
    actor: Actor,
    rawFields: Record<string, string>,
  ): Promise<{ requestCode: string; storage: PreparedUpload }> {
    if (actor.kind !== 'service') {
      throw new CommonException(
        CommonErrorCode.FORBIDDEN,
        'Solo un servizio può archiviare la dichiarazione verificata.',
      );
    }
    const { requestCode: code, ...rest } = rawFields;
    const requestCode = await this.requestCodeFrom(actor, code === undefined ? {} : { requestCode: code });
    // Where the document goes: the upload fields (entityType, entityId, ownerId…); the kind is fixed.
    const storage = await this.documents.prepareUpload(actor, { ...rest, kind: 'signed-declaration' });
    return { requestCode, storage };
  }

  /** Inspects, and stores the very same bytes only when the verdict is acceptable: they cross the network once. */
  async inspectAndStore(
    actor: Actor,
    requestCode: string,
    storage: PreparedUpload,
    file: ReceivedFile,
  ): Promise<InspectionResult> {
    const verdict = await this.inspect(actor, requestCode, file.fileName, file.bytes);
    if (!verdict.acceptable) return { ...verdict, documentId: null };
    const document = await this.documents.store(actor, storage, file);
    return { ...verdict, documentId: document.id };
  }

  /** Checks the form fields before the file is read: the request code must be well formed and the caller's. */
  async requestCodeFrom(actor: Actor, rawFields: Record<string, string>): Promise<string> {
    const fields = await formFields(InspectSignatureFields, rawFields);
    return (await this.templates.findAssociationRequest(actor, fields.requestCode)).requestCode;
  }

  /**
   * The verdict on a stored document (services only: the back office shows it beside the document): is it signed,
   * intact, by whom, with a certificate valid and trusted, and by `expectedSigner` when given. Nothing to compare
   * the content with: only signatures are judged.
   */
  async inspectStored(actor: Actor, documentId: string, expectedSigner?: string): Promise<StoredSignatureVerdict> {
    if (actor.kind !== 'service') {
      throw new CommonException(CommonErrorCode.FORBIDDEN, 'Solo un servizio può verificare un documento archiviato.');
    }
    const { document, bytes } = await this.documents.contentOf(actor, documentId);
    const verdict = await this.inspector.inspect(new Uint8Array(bytes), {
      fileName: document.fileName,
      citizenCodiceFiscale: expectedSigner,
    });
    const { signedContent: _signedContent, ...json } = verdict;
    return { ...json, documentId: document.id };
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
