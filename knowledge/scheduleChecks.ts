import { parseSchedule, ScheduleError } from '../bot/core/scheduler/schedule';
import type { CrossCheck } from './crossChecks';

/** A digest schedule or time zone with a typo is refused here, not discovered when no digest arrives. */
export const digestSchedulesAreValid: CrossCheck = ({ sections }, report) => {
  for (const d of sections.departments) {
    const zone = d.digest.timezone ?? d.timezone ?? 'Europe/Moscow';
    try {
      parseSchedule(d.digest.schedule, zone);
    } catch (error) {
      if (!(error instanceof ScheduleError)) throw error;
      const field = error.message.startsWith('unknown time zone') ? (d.digest.timezone ? ['digest', 'timezone'] : ['timezone']) : ['digest', 'schedule'];
      report(d, field, error.message);
    }
  }
};
