import { ApiError, type FieldErrors, fieldsOf, messageOf } from '@profila/ui';
import { useCallback, useEffect, useState } from 'react';
import { type ApplicantRequest, applicantApi } from './applicant-api';
import { type DocumentSlot, uploadDocument } from './nomination-api';

export type ApplicantKind = 'responsabile-unico' | 'raa';

/**
 * The applicant's side of one kind of request, shared by its pages: the requests sent, the one open in the form,
 * save (draft or change), the documents, "Invia" / "Invia integrazione", and what the service answered — field
 * messages under their fields, any other refusal (one PA per person, not editable…) in an alert.
 */
export function useApplicantRequest<F>(
  kind: ApplicantKind,
  calls: { create: (form: F) => Promise<ApplicantRequest>; update: (id: string, form: F) => Promise<ApplicantRequest> },
) {
  const [mine, setMine] = useState<ApplicantRequest[]>([]);
  const [current, setCurrent] = useState<ApplicantRequest | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const refresh = useCallback(() => {
    applicantApi
      .mine(kind)
      .then(setMine)
      .catch((error: unknown) => setFailure(messageOf(error, 'Caricamento non riuscito.')));
  }, [kind]);
  useEffect(refresh, [refresh]);

  const reset = () => {
    setErrors({});
    setFailure(null);
    setMessage(null);
  };
  const fail = (error: unknown) => {
    setErrors(fieldsOf(error));
    if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') setFailure(messageOf(error));
  };

  const open = (request: ApplicantRequest | null) => {
    reset();
    setCurrent(request);
  };

  const save = async (form: F) => {
    reset();
    try {
      const saved = current ? await calls.update(current.id, form) : await calls.create(form);
      setCurrent(saved);
      setMessage(current ? 'Dati aggiornati.' : 'Dati salvati: completa la richiesta e inviala.');
      refresh();
    } catch (error) {
      fail(error);
    }
  };

  const attach = async (slot: DocumentSlot, file: File | undefined) => {
    if (!file || !current) return;
    reset();
    try {
      await uploadDocument(slot, file);
      setCurrent(await applicantApi.get(current.id));
      setMessage(`File caricato: ${slot.label}.`);
    } catch (error) {
      if (error instanceof ApiError) setErrors({ [`documento-${slot.kind}`]: error.message });
      else fail(error);
    }
  };

  const send = async (done: (sent: ApplicantRequest) => string) => {
    if (!current) return;
    reset();
    try {
      const sent =
        current.state === 'integration-requested'
          ? await applicantApi.resubmit(current.id)
          : await applicantApi.submit(current.id);
      setCurrent(sent);
      setMessage(done(sent));
      refresh();
    } catch (error) {
      fail(error);
    }
  };

  const sendLabel =
    current?.state === 'draft'
      ? 'Invia richiesta'
      : current?.state === 'integration-requested'
        ? 'Invia integrazione'
        : null;

  return { mine, current, errors, message, failure, open, save, attach, send, sendLabel };
}
