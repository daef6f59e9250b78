// A modal dialog in Bootstrap Italia markup, driven by React (no Bootstrap JS): focus moves into it when it opens and
// back to what had it when it closes, Escape and the close button cancel, the page behind is inert for assistive
// technologies (aria-modal).
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { messageOf } from '../api/http.js';

export function Dialog({
  title,
  onClose,
  children,
  footer,
  size,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  size?: 'lg';
}) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>('input, textarea, select, button:not(.btn-close)');
    (first ?? ref.current)?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      previous?.focus();
    };
  }, [onClose]);
  return (
    <>
      <div className="modal fade show d-block" role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1}>
        <div className={`modal-dialog modal-dialog-centered${size === 'lg' ? ' modal-lg' : ''}`} role="document">
          <div className="modal-content" ref={ref} tabIndex={-1}>
            <div className="modal-header">
              <h2 className="modal-title h5" id={titleId}>
                {title}
              </h2>
              <button type="button" className="btn-close" aria-label="Chiudi finestra" onClick={onClose} />
            </div>
            <div className="modal-body">{children}</div>
            {footer && <div className="modal-footer">{footer}</div>}
          </div>
        </div>
      </div>
      <div className="modal-backdrop fade show" />
    </>
  );
}

/**
 * "Sei sicuro?": a confirmation with a primary action and Annulla. An `onConfirm` that returns a promise runs with the
 * buttons disabled ("Attendere…") and, if it fails, shows the service's message in the dialog, which stays open; the
 * caller closes it on success. `busy` and `error` are for a caller that tracks its action itself.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  busy,
  error,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void | Promise<unknown>;
  onCancel: () => void;
  busy?: boolean;
  error?: string | null;
}) {
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const confirm = () => {
    const pending = onConfirm();
    if (!pending) return;
    setRunning(true);
    setFailure(null);
    pending.then(
      () => setRunning(false),
      (e: unknown) => {
        setFailure(messageOf(e));
        setRunning(false);
      },
    );
  };
  const waiting = busy || running;
  const shown = error ?? failure;
  return (
    <Dialog
      title={title}
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="btn btn-outline-primary btn-sm" onClick={onCancel} disabled={waiting}>
            Annulla
          </button>
          <button type="button" className="btn btn-primary btn-sm" onClick={confirm} disabled={waiting}>
            {waiting ? 'Attendere…' : confirmLabel}
          </button>
        </>
      }
    >
      {children}
      {shown && (
        <div className="alert alert-danger mt-3 mb-0" role="alert">
          {shown}
        </div>
      )}
    </Dialog>
  );
}
