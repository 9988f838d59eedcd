import { useEffect, useState } from 'react';
import { api } from '../api';

/** The backend's today (its clock, which tests set), not the workstation's Date. */
export function useToday(): string {
  const [today, setToday] = useState('');
  useEffect(() => void api.tasks.today({}).then((r) => setToday(r.today), () => {}), []);
  return today;
}
