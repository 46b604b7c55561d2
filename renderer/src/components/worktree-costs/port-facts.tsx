/** In a session's details (inside its <dl>): the session's port block (FLOTILLA_PORT…). */
export function PortFacts(_props: { id: string }) {
  return null;
}
