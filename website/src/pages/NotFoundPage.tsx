import { Link } from '../router/router';

export default function NotFoundPage() {
  return (
    <div className="card">
      <h1 tabIndex={-1}>This trail goes nowhere</h1>
      <p>No unicorn has ever been here. </p>
      <p>
        <Link to="/">Back to the stables</Link>
      </p>
    </div>
  );
}
