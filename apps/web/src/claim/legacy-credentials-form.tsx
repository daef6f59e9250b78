import { ApiError, type FieldErrors, messageOf, TextField } from '@profila/ui';
import { type FormEvent, useState } from 'react';

/**
 * Username and password of a login of the old portal, given once to link it ("Accedi all'utenza …"). The password
 * field is emptied after every attempt; the service's field messages go under the fields, any other refusal (wrong
 * credentials, too many attempts, another person's login) above the form.
 */
export function LegacyCredentialsForm({
  label,
  submitLabel,
  onSubmit,
}: {
  /** The form's accessible name. */
  label: string;
  submitLabel: string;
  /** Links the login; a rejection is shown, a resolution is the caller's (it navigates away). */
  onSubmit: (username: string, password: string) => Promise<void>;
}) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setFailure(null);
    setBusy(true);
    try {
      await onSubmit(username.trim(), password);
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fieldErrors).length > 0) setErrors(error.fieldErrors);
      else setFailure(messageOf(error));
    } finally {
      setBusy(false);
      setPassword('');
    }
  };

  return (
    <>
      {failure && (
        <div className="alert alert-danger" role="alert">
          {failure}
        </div>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate aria-label={label}>
        <div className="row">
          <TextField
            id="legacy-username"
            label="Username *"
            value={username}
            error={errors.username}
            onChange={setUsername}
            autoComplete="off"
          />
          <div className="col-md-6">
            <div className="form-group">
              <label htmlFor="legacy-password" className="active">
                Password *
              </label>
              <input
                id="legacy-password"
                name="legacy-password"
                type="password"
                className={`form-control${errors.password ? ' is-invalid' : ''}`}
                value={password}
                autoComplete="off"
                onChange={(e) => setPassword(e.target.value)}
                aria-invalid={errors.password ? true : undefined}
              />
              {errors.password && <div className="invalid-feedback d-block">{errors.password}</div>}
            </div>
          </div>
        </div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {submitLabel}
        </button>
      </form>
    </>
  );
}
