import { useId, useState, type Ref } from 'react';
import { checkPassword } from '../auth/password-rules';

interface PasswordFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Show the pool's rules as a live checklist (for new passwords, not for sign-in). */
  showRules?: boolean;
  autoComplete: 'current-password' | 'new-password';
  error?: string | null;
  name?: string;
  /** The input, for moving focus to it when the password is refused. */
  inputRef?: Ref<HTMLInputElement>;
}

/** A password input with a show/hide toggle and, for new passwords, the rules ticked off as typed. */
export function PasswordField({ label, value, onChange, showRules = false, autoComplete, error, name = 'password', inputRef }: PasswordFieldProps) {
  const id = useId();
  const [visible, setVisible] = useState(false);
  const rulesId = `${id}-rules`;
  const errorId = `${id}-error`;
  const describedBy = [showRules ? rulesId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="password-input">
        <input
          id={id}
          ref={inputRef}
          name={name}
          type={visible ? 'text' : 'password'}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          autoComplete={autoComplete}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          required
        />
        <button type="button" className="button button--quiet" aria-pressed={visible} onClick={() => setVisible((v) => !v)}>
          {visible ? 'Hide' : 'Show'}
          <span className="visually-hidden"> password</span>
        </button>
      </div>
      {showRules && (
        <ul id={rulesId} className="rules" aria-label="Password rules">
          {checkPassword(value).map(({ rule, met }) => (
            <li key={rule.id} className={met ? 'rules__item rules__item--met' : 'rules__item'} data-met={met}>
              <span aria-hidden="true">{met ? '✓' : '•'}</span> {rule.label}
              <span className="visually-hidden">{met ? ' (met)' : ' (not yet)'}</span>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}
