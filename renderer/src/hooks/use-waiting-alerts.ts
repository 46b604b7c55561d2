import { useEffect, useRef } from 'react';
import { usePrefsStore } from '../stores/prefs-store.js';
import { useSessionsStore } from '../stores/sessions-store.js';

function beep(): void {
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.08, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.25);
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.25);
    tone.onended = () => void audio.close();
  } catch {
    // no audio here: the title still says it
  }
}

/** Tells the user when agents wait: the count in the tab title, and a short tone if they asked for one. */
export function useWaitingAlerts(): void {
  const waiting = useSessionsStore((s) => Object.values(s.byId).filter((x) => x.status === 'waiting').length);
  const titleBadge = usePrefsStore((s) => s.titleBadge);
  const sound = usePrefsStore((s) => s.soundOnWaiting);
  const previous = useRef(waiting);
  useEffect(() => {
    document.title = titleBadge && waiting > 0 ? `(${waiting}) Flotilla` : 'Flotilla';
    if (sound && waiting > previous.current) beep();
    previous.current = waiting;
  }, [waiting, titleBadge, sound]);
}
