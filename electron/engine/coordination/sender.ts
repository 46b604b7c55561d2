/** Who sent a message: a session (an agent's `flotilla send`), the user (their token), or Flotilla (a watch). */
export interface Sender {
  /** The sending session; null for the user and for Flotilla's own notices. */
  id: string | null;
  name: string;
}

export const USER_SENDER: Sender = { id: null, name: 'user' };
export const FLOTILLA_SENDER: Sender = { id: null, name: 'flotilla' };
