import { useEffect } from 'react';

/** Shown instead of the app when /config.json is missing or invalid: says what is wrong and how to fix it. */
export function ConfigErrorPage({ problems }: { problems: string[] }) {
  useEffect(() => {
    document.title = 'Configuration problem · Wild Rydes';
  }, []);
  return (
    <main id="main" className="main">
      <div className="card card--error" role="alert">
        <h1>Wild Rydes cannot start</h1>
        <p>The site reads its settings from <code>/config.json</code>, and that file has a problem:</p>
        <ul>
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
        <p>
          Locally, <code>npm start</code> writes it when the local cloud starts. When deployed, the stack writes it from its
          outputs. Fix it and reload this page.
        </p>
      </div>
    </main>
  );
}
