import { ApiError } from '@profila/ui';
import { useEffect, useState } from 'react';
import { type DocumentSlot, operatorApi } from './api';

type Preview =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; src: string; contentType: string; size: number }
  | { status: 'error'; message: string };

function previewable(contentType: string | null | undefined): 'pdf' | 'image' | null {
  if (contentType === 'application/pdf') return 'pdf';
  if (contentType === 'image/png' || contentType === 'image/jpeg') return 'image';
  return null;
}

/**
 * One document of the request: its name, and on demand an inline preview. The bytes come through the request's
 * temporary download link (admin-verification checks the territory, document-store serves them as an attachment),
 * shown from a blob URL in an <iframe> (PDF) or an <img> (images); other formats (e.g. .p7m) are only downloaded.
 */
export function DocumentPreview({ requestId, slot }: { requestId: string; slot: DocumentSlot }) {
  const [preview, setPreview] = useState<Preview>({ status: 'idle' });
  const kind = previewable(slot.contentType);

  useEffect(
    () => () => {
      if (preview.status === 'ready') URL.revokeObjectURL(preview.src);
    },
    [preview],
  );

  const fetchBlob = async (): Promise<Blob> => {
    if (!slot.documentId) throw new Error('Documento non caricato');
    const link = await operatorApi.documentLink(requestId, slot.documentId);
    const response = await fetch(link.url, { credentials: 'same-origin' });
    if (!response.ok) throw new Error('Il documento non è scaricabile: riprova.');
    return response.blob();
  };

  const show = async () => {
    setPreview({ status: 'loading' });
    try {
      const blob = await fetchBlob();
      const contentType = slot.contentType ?? blob.type;
      const typed = new Blob([blob], { type: contentType });
      setPreview({ status: 'ready', src: URL.createObjectURL(typed), contentType, size: typed.size });
    } catch (error) {
      setPreview({
        status: 'error',
        message: error instanceof ApiError || error instanceof Error ? error.message : 'Anteprima non disponibile.',
      });
    }
  };

  const download = async () => {
    try {
      const blob = await fetchBlob();
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = slot.fileName ?? `${slot.kind}`;
      anchor.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      setPreview({ status: 'error', message: error instanceof Error ? error.message : 'Download non riuscito.' });
    }
  };

  return (
    <li className="list-group-item document-slot" data-document-kind={slot.kind}>
      <div className="d-flex flex-wrap align-items-center justify-content-between gap-2">
        <div>
          <strong>{slot.label}</strong>
          {slot.required && <span className="visually-hidden"> (obbligatorio)</span>}
          <br />
          {slot.documentId ? (
            <small className="text-muted">
              {slot.fileName}
              {slot.size ? ` — ${Math.max(1, Math.round(slot.size / 1024))} KB` : ''}
            </small>
          ) : (
            <small className="text-danger">Non caricato</small>
          )}
        </div>
        {slot.documentId && (
          <div className="d-flex gap-2">
            {kind && preview.status !== 'ready' && (
              <button
                type="button"
                className="btn btn-outline-primary btn-sm"
                onClick={() => void show()}
                disabled={preview.status === 'loading'}
              >
                {preview.status === 'loading' ? 'Caricamento…' : 'Mostra anteprima'}
              </button>
            )}
            {preview.status === 'ready' && (
              <button
                type="button"
                className="btn btn-outline-secondary btn-sm"
                onClick={() => setPreview({ status: 'idle' })}
              >
                Nascondi anteprima
              </button>
            )}
            <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => void download()}>
              Scarica
            </button>
          </div>
        )}
      </div>
      {preview.status === 'error' && (
        <div className="alert alert-danger mt-2 mb-0" role="alert">
          {preview.message}
        </div>
      )}
      {preview.status === 'ready' && (
        <div className="document-preview mt-3" data-bytes={preview.size}>
          {kind === 'image' ? (
            <img src={preview.src} alt={`Anteprima: ${slot.label}`} className="img-fluid border" />
          ) : (
            <iframe src={preview.src} title={`Anteprima: ${slot.label}`} className="w-100 border" height={600} />
          )}
        </div>
      )}
    </li>
  );
}
