// The seeded data set of the rating tests: September and October 2026 in the fixture bank. Every
// figure the tests expect is worked out by hand from these rows, in comments next to the assertions.
// Working day 09:00–18:00 Moscow; October 2026 has no holidays; Mondays: 5, 12, 19, 26 October.
import type { Stores } from '../../storage/stores';
import { seedAnswer, seedIssue, seedUnanswered } from './seed';

export const DMITRY = 'dmitry@bank.test';
export const ANNA = 'anna@bank.test';
export const NINA = 'nina@bank.test';
export const IGOR = 'igor@bank.test';

/** "Now" for the tests: well after October, so October is complete. */
export const NOW = '2026-11-26 12:00';

export function seedRatingDataset(stores: Stores): void {
  // ── Cards, October ─────────────────────────────────────────────── FR = first response, RES = resolution
  // C1: FR 10:00→11:00 = 1 h; RES 10:00→14:00 = 4 h; due 2 Oct: on time; rated 5.
  seedIssue(stores, {
    category: 'card_blocked', routedTo: 'cards', created: '2026-10-01 10:00', firstResponse: '2026-10-01 11:00',
    resolved: '2026-10-01 14:00', due: '2026-10-02 18:00', satisfaction: 5, assignee: DMITRY,
    taken: { at: '2026-10-01 11:00', by: DMITRY }, resolvedBy: DMITRY,
  });
  // C2: FR 09:00→12:00 = 3 h; RES Mon 9 h + Tue 09:00→12:00 3 h = 12 h; on time; rated 4.
  seedIssue(stores, {
    category: 'card_limits', routedTo: 'cards', created: '2026-10-05 09:00', firstResponse: '2026-10-05 12:00',
    resolved: '2026-10-06 12:00', due: '2026-10-06 18:00', satisfaction: 4, assignee: DMITRY,
    taken: { at: '2026-10-05 12:00', by: DMITRY }, resolvedBy: DMITRY,
  });
  // C3: FR Wed 16:00→18:00 2 h + Thu 09:00→10:00 1 h = 3 h; RES 2 + 9 + Fri 09:00→16:00 7 = 18 h;
  // due Thu 8 Oct 18:00, resolved Fri: late; reopened once; rated 2.
  seedIssue(stores, {
    category: 'card_blocked', routedTo: 'cards', created: '2026-10-07 16:00', firstResponse: '2026-10-08 10:00',
    resolved: '2026-10-09 16:00', due: '2026-10-08 18:00', satisfaction: 2, assignee: DMITRY,
    assigned: { at: '2026-10-07 16:30', to: DMITRY, by: ANNA }, reopenedAt: ['2026-10-08 17:00'], resolvedBy: DMITRY,
  });
  // C4: FR 0.5 h; RES 4 h; on time; rated 5.
  seedIssue(stores, {
    category: 'card_blocked', routedTo: 'cards', created: '2026-10-12 09:00', firstResponse: '2026-10-12 09:30',
    resolved: '2026-10-12 13:00', due: '2026-10-13 18:00', satisfaction: 5, assignee: ANNA, resolvedBy: ANNA,
  });
  // C5: FR Fri 17:00→18:00 1 h + Mon 09:00→10:00 1 h = 2 h; RES 1 + 9 + Tue 09:00→17:00 8 = 18 h,
  // less 6 h waiting for the client = 12 h; on time; rated 3.
  seedIssue(stores, {
    category: 'card_limits', routedTo: 'cards', created: '2026-10-16 17:00', firstResponse: '2026-10-19 10:00',
    resolved: '2026-10-20 17:00', due: '2026-10-21 18:00', satisfaction: 3, pausedHours: 6, assignee: ANNA, resolvedBy: ANNA,
  });
  // C6: no first response recorded, resolved at once: FR = RES = 09:00→15:00 = 6 h; on time; not rated.
  seedIssue(stores, {
    category: 'card_limits', routedTo: 'cards', created: '2026-10-22 09:00', resolved: '2026-10-22 15:00',
    due: '2026-10-22 18:00', assignee: ANNA, resolvedBy: ANNA,
  });
  // C7: due 28 Oct, still unresolved: overdue in October.
  seedIssue(stores, {
    category: 'card_blocked', routedTo: 'cards', created: '2026-10-26 09:00', firstResponse: '2026-10-26 10:00',
    due: '2026-10-28 18:00', assignee: DMITRY, assigned: { at: '2026-10-26 10:00', to: DMITRY, by: ANNA },
  });
  // C8: logged in September, due 2 Oct, resolved only on 3 Nov: overdue in October (not in September:
  // it was due in October), and counts as received in September.
  seedIssue(stores, {
    category: 'card_limits', routedTo: 'cards', created: '2026-09-28 09:00', firstResponse: '2026-09-28 10:00',
    resolved: '2026-11-03 12:00', due: '2026-10-02 18:00', resolvedBy: ANNA,
  });
  // L1: a loan application routed to cards by mistake and handed on to loans: cards received it and
  // handed it on; loans received it and resolved it (its only issue: too few to be rated).
  seedIssue(stores, {
    category: 'loan_application', routedTo: 'cards', created: '2026-10-06 09:00', firstResponse: '2026-10-06 12:00',
    handoffs: [{ at: '2026-10-06 12:00', from: 'cards', to: 'loans', by: DMITRY }],
    resolved: '2026-10-08 12:00', due: '2026-10-09 18:00', satisfaction: 5, assignee: IGOR, resolvedBy: IGOR,
  });

  // ── Deposits, October: all on time; only three ratings (fewer than minRatings = 5) ──
  const deposit = (created: string, fr: string, resolved: string, due: string, satisfaction?: number) =>
    seedIssue(stores, {
      category: created.endsWith('05 09:00') || created.endsWith('06 09:00') ? 'deposit_close' : 'deposit_open',
      routedTo: 'deposits', created, firstResponse: fr, resolved, due, satisfaction, assignee: NINA, resolvedBy: NINA,
    });
  deposit('2026-10-01 09:00', '2026-10-01 09:30', '2026-10-01 11:00', '2026-10-02 18:00', 5); // FR 0.5, RES 2
  deposit('2026-10-02 09:00', '2026-10-02 10:00', '2026-10-02 13:00', '2026-10-05 18:00', 5); // FR 1, RES 4
  deposit('2026-10-05 09:00', '2026-10-05 10:00', '2026-10-05 15:00', '2026-10-06 18:00', 4); // FR 1, RES 6
  deposit('2026-10-06 09:00', '2026-10-06 11:00', '2026-10-06 17:00', '2026-10-07 18:00'); //    FR 2, RES 8
  deposit('2026-10-07 09:00', '2026-10-07 10:00', '2026-10-07 13:00', '2026-10-08 18:00'); //    FR 1, RES 4

  // ── September: cards five issues on time; deposits five, the first late ──
  for (const day of ['01', '02', '03', '04', '07']) {
    seedIssue(stores, {
      category: 'card_blocked', routedTo: 'cards', created: `2026-09-${day} 09:00`, firstResponse: `2026-09-${day} 10:00`,
      resolved: `2026-09-${day} 13:00`, due: `2026-09-${day} 18:00`, assignee: ANNA, resolvedBy: ANNA,
    });
    seedIssue(stores, {
      category: 'deposit_open', routedTo: 'deposits', created: `2026-09-${day} 09:00`, firstResponse: `2026-09-${day} 10:00`,
      resolved: `2026-09-${day} 13:00`, due: day === '01' ? '2026-09-01 12:00' : `2026-09-${day} 18:00`, assignee: NINA, resolvedBy: NINA,
    });
  }

  // ── Answers served on cards' topics in October: 10, of which 8 rated and 6 helpful. Dmitry asked 3 of
  // them (helpful, not helpful, unrated); the others 7 (5 helpful, 1 not, 1 unrated).
  seedAnswer(stores, '2026-10-02 10:00', 'cards', true, DMITRY);
  seedAnswer(stores, '2026-10-05 10:00', 'cards', false, DMITRY);
  seedAnswer(stores, '2026-10-06 10:00', 'cards', null, DMITRY);
  for (const day of ['07', '08', '09', '12', '13']) seedAnswer(stores, `2026-10-${day} 11:00`, 'cards', true);
  seedAnswer(stores, '2026-10-14 11:00', 'cards', false);
  seedAnswer(stores, '2026-10-15 11:00', 'cards', null);
  // At midnight Moscow time on 1 November: November's, not October's.
  seedAnswer(stores, '2026-11-01 00:00', 'cards', false);

  // Questions left unanswered on cards' topics: two in October (one Dmitry's), one in September.
  seedUnanswered(stores, '2026-10-10 12:00', 'cards', DMITRY);
  seedUnanswered(stores, '2026-10-20 12:00', 'cards');
  seedUnanswered(stores, '2026-09-20 12:00', 'cards');
  seedUnanswered(stores, '2026-10-20 12:00', 'deposits');
}
