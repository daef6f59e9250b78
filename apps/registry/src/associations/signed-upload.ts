import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { validationFailed } from '@profila/platform';

/** "Upload del file PDF firmato digitalmente (max. 3MB)" (Servizi Lavoro, Associa Profili). */
export const SIGNED_DECLARATION_MAX_BYTES = 3 * 1024 * 1024;

export interface SignedUpload {
  fields: Record<string, string>;
  fileName: string;
  bytes: Buffer;
}

/**
 * Reads the Passo 3 form: the fields (requestCode, dichiarazione) then one file, at most 3 MB. Every refusal is a
 * field message of the one VALIDATION_FAILED shape.
 */
export async function readSignedUpload(request: FastifyRequest): Promise<SignedUpload> {
  if (!request.isMultipart()) throw validationFailed({ file: 'Caricare il file firmato (modulo multipart)' });
  const fields: Record<string, string> = {};
  let file: { fileName: string; bytes: Buffer } | undefined;
  for await (const part of request.parts()) {
    if (part.type === 'field') {
      fields[part.fieldname] = typeof part.value === 'string' ? part.value : '';
      continue;
    }
    if (part.fieldname !== 'file' || file) {
      part.file.resume();
      throw validationFailed({ file: 'Caricare un solo file, nel campo «file»' });
    }
    file = { fileName: part.filename || 'dichiarazione.pdf', bytes: await readLimited(part) };
  }
  if (!file || file.bytes.length === 0) throw validationFailed({ file: 'Caricare il file firmato digitalmente' });
  return { fields, ...file };
}

async function readLimited(part: MultipartFile): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of part.file) {
    size += (chunk as Buffer).length;
    if (size > SIGNED_DECLARATION_MAX_BYTES) {
      part.file.resume();
      throw validationFailed({ file: 'Il file supera la dimensione massima di 3 MB' });
    }
    chunks.push(chunk as Buffer);
  }
  if (part.file.truncated) throw validationFailed({ file: 'Il file supera la dimensione massima di 3 MB' });
  return Buffer.concat(chunks);
}
