import { messageOf, PageHeading } from '@profila/ui';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { usePageTitle } from '../site';
import { applicantApi } from './applicant-api';

export const PEC_CONFIRMATION_PATH = '/conferma-pec';

type Outcome = { status: 'working' } | { status: 'done'; message: string } | { status: 'failed'; message: string };

/** `/conferma-pec/:token`: the link mailed to the declared PEC; opening it confirms the address (no login needed). */
export function PecConfirmationPage() {
  usePageTitle('Conferma PEC');
  const { token = '' } = useParams();
  const [outcome, setOutcome] = useState<Outcome>({ status: 'working' });
  const sent = useRef(false);

  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    applicantApi
      .confirmPec(token)
      .then((answer) => setOutcome({ status: 'done', message: answer.message }))
      .catch((error: unknown) => setOutcome({ status: 'failed', message: messageOf(error) }));
  }, [token]);

  return (
    <>
      <PageHeading title="Conferma PEC" />
      <div className="container pb-5">
        {outcome.status === 'working' && <p aria-live="polite">Conferma della PEC in corso…</p>}
        {outcome.status === 'done' && (
          <div className="alert alert-success" role="status" data-testid="pec-confirmed">
            {outcome.message}
          </div>
        )}
        {outcome.status === 'failed' && (
          <div className="alert alert-danger" role="alert" data-testid="pec-refused">
            {outcome.message}
          </div>
        )}
        <Link className="btn btn-primary" to="/area-riservata/registrazione-raa">
          Vai alla tua richiesta
        </Link>
      </div>
    </>
  );
}
