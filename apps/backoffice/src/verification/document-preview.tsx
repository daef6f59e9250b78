import { ApiError } from '@profila/ui';
import { useEffect, useState } from 'react';
import { type DocumentSignature, type DocumentSlot, formatDateTime, operatorApi } from './api';

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

type SignatureCheck =
  { status: 'loading' } | { status: 'ready'; verdict: DocumentSignature } | { status: 'error'; message: string };

/**
 * "Firma digitale": whether the stored file is signed, by whom (name and codice fiscale from the certificate), and
 * whether each signature is intact and its certificate valid and recognised: the operator compares the signer with
 * who should have signed (the legal representative for a delega, the PA's for an atto di nomina).
 */
function SignatureVerdict({ check }: { check: SignatureCheck }) {
  if (check.status === 'loading') {
    return <p className="small text-muted mb-0 mt-2">Verifica della firma digitale…</p>;
  }
  if (check.status === 'error') {
    return <p className="small text-danger mb-0 mt-2">Verifica della firma non disponibile: {check.message}</p>;
  }
  const { verdict } = check;
  if (!verdict.signed) {
    return (
      <p className="small text-muted mb-0 mt-2" data-testid="signature-verdict" data-signed="false">
        Firma digitale: documento non firmato digitalmente.
      </p>
    );
  }
  const valid = verdict.intact && verdict.trusted && verdict.certificatesValid;
  return (
    <div className="small mt-2" data-testid="signature-verdict" data-signed="true" data-valid={String(valid)}>
      <span className={`badge ${valid ? 'bg-success' : 'bg-danger'} me-2`}>
        {valid ? 'Firma valida' : 'Firma non valida'}
      </span>
      {verdict.signers.map((signer, i) => (
        <span key={i} className="me-2">
          {signer.format} — firmato da <strong>{signer.name ?? 'firmatario senza nome'}</strong>
          {signer.codiceFiscale ? ` (${signer.codiceFiscale})` : ' (codice fiscale non presente nel certificato)'}
          {signer.signingTime ? `, il ${formatDateTime(signer.signingTime)}` : ''}
        </span>
      ))}
      {verdict.problems.length > 0 && (
        <ul className="mb-0 mt-1">
          {verdict.problems.map((problem, i) => (
            <li key={i} className={problem.severity === 'error' ? 'text-danger' : 'text-warning'}>
              {problem.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * One document of the request: its name, its signature verdict, and on demand an inline preview. The bytes come through the request's
 * temporary download link (admin-verification checks the territory, document-store serves them as an attachment),
 * shown from a blob URL in an <iframe> (PDF) or an <img> (images); other formats (e.g. .p7m) are only downloaded.
 */
export function DocumentPreview({ requestId, slot }: { requestId: string; slot: DocumentSlot }) {
  const [preview, setPreview] = useState<Preview>({ status: 'idle' });
  const [signature, setSignature] = useState<SignatureCheck>({ status: 'loading' });
  const kind = previewable(slot.contentType);

  useEffect(() => {
    if (!slot.documentId) return;
    let live = true;
    operatorApi
      .documentSignature(requestId, slot.documentId)
      .then((verdict) => live && setSignature({ status: 'ready', verdict }))
      .catch(
        (error: unknown) =>
          live && setSignature({ status: 'error', message: error instanceof Error ? error.message : 'riprova.' }),
      );
    return () => {
      live = false;
    };
  }, [requestId, slot.documentId]);

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
      {slot.documentId && <SignatureVerdict check={signature} />}
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
