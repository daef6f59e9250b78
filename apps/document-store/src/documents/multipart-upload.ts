/**
 * Reads an upload form (multipart/form-data): its text fields, which must come before the file, then one file part
 * streamed through a guard (size, type, hash) into memory. Nothing is written anywhere until the whole file passed.
 */
import type { Readable, Transform } from 'node:stream';
import { type ClassConstructor, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { validationExceptionFactory, validationFailed } from '@profila/platform';
import { formatSize } from '../domain/document-kind.js';
import { DocumentRuleError } from '../domain/document-rule.error.js';
import { cleanFileName } from './domain/file-name.js';
import { DocumentException, DocumentExceptionCode } from './documents.exception.js';

export const FILE_FIELD = 'file';
/** Room for the form's boundaries and text fields around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

export interface ReceivedUpload<G extends Transform> {
  fields: Record<string, string>;
  /** Name the client gave the file, without any path. */
  fileName: string;
  bytes: Buffer;
  guard: G;
}

/**
 * @param maxFileBytes the largest file any request may carry (the form is refused up front when it is announced
 *   larger); the guard returned by `onFile` applies the limits of what is uploaded.
 * @param onFile called with the fields when the file starts: validates them (throwing refuses the upload) and returns
 *   the guard the bytes go through.
 */
export async function receiveUpload<G extends Transform>(
  request: FastifyRequest,
  maxFileBytes: number,
  onFile: (fields: Record<string, string>, fileName: string) => Promise<G> | G,
): Promise<ReceivedUpload<G>> {
  if (!request.isMultipart()) {
    throw new DocumentException(
      DocumentExceptionCode.NOT_MULTIPART,
      'Il file va inviato come modulo multipart/form-data.',
    );
  }
  const announced = Number(request.headers['content-length']);
  if (Number.isFinite(announced) && announced > maxFileBytes + FORM_OVERHEAD_BYTES) {
    throw new DocumentException(
      DocumentExceptionCode.DOCUMENT_TOO_LARGE,
      `Il file supera la dimensione massima consentita (${formatSize(maxFileBytes)}).`,
      { maxBytes: maxFileBytes },
    );
  }

  const fields: Record<string, string> = {};
  let received: ReceivedUpload<G> | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (received) throw validationFailed({ [part.fieldname]: 'Il campo deve precedere il file nel modulo' });
        if (part.fieldname in fields) throw validationFailed({ [part.fieldname]: 'Campo ripetuto' });
        fields[part.fieldname] = String(part.value);
        continue;
      }
      if (part.fieldname !== FILE_FIELD) {
        await drain(part.file);
        throw validationFailed({ [part.fieldname]: `Il file va inviato nel campo «${FILE_FIELD}»` });
      }
      const fileName = cleanFileName(part.filename);
      let guard: G;
      try {
        guard = await onFile(fields, fileName);
      } catch (error) {
        await drain(part.file);
        throw error;
      }
      const bytes = await readThrough(part.file, guard);
      received = { fields, fileName, bytes, guard };
    }
  } catch (error) {
    throw toUploadException(error);
  }
  if (!received) throw validationFailed({ [FILE_FIELD]: 'Nessun file caricato' });
  return received;
}

/**
 * The text fields of a form as a DTO, checked like a JSON body (same VALIDATION_FAILED answer, per-field Italian
 * messages): the form's fields are validated before a byte of the file is read.
 */
export async function formFields<T extends object>(dto: ClassConstructor<T>, raw: Record<string, string>): Promise<T> {
  const fields = plainToInstance(dto, raw);
  const errors = await validate(fields, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw validationExceptionFactory(errors);
  return fields;
}

function invalid(message: string): DocumentException {
  return new DocumentException(DocumentExceptionCode.INVALID_UPLOAD, message);
}

function toUploadException(error: unknown): unknown {
  if (error instanceof DocumentRuleError) return DocumentException.fromRule(error);
  const code = (error as { code?: string } | null)?.code;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new DocumentException(
        DocumentExceptionCode.DOCUMENT_TOO_LARGE,
        'Il file supera la dimensione massima consentita.',
      );
    case 'FST_FILES_LIMIT':
      return invalid('Si può caricare un solo file per volta.');
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return invalid('Il modulo contiene troppi campi.');
    case 'FST_PROTO_VIOLATION':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return invalid('Il modulo inviato non è valido.');
    default:
      return error;
  }
}

/** The bytes of `source` through `guard`; on a refusal the rest of the file is read and dropped, then it throws. */
function readThrough(source: Readable, guard: Transform): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      source.unpipe(guard);
      void drain(source).then(() => reject(error));
    };
    guard.on('data', (chunk: Buffer) => chunks.push(chunk));
    guard.on('error', fail);
    guard.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    source.on('error', fail);
    source.pipe(guard);
  });
}

/** Reads a stream to its end without keeping anything, so that the rest of the request can be parsed. */
function drain(stream: Readable): Promise<void> {
  return new Promise((resolve) => {
    if (stream.readableEnded || stream.destroyed) {
      resolve();
      return;
    }
    stream.once('end', () => resolve());
    stream.once('close', () => resolve());
    stream.once('error', () => resolve());
    stream.resume();
  });
}
