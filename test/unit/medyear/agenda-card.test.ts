import { describe, expect, it } from 'vitest';
import { agendaCard } from '../../../src/medyear/cards.js';
import type { AgendaData } from '../../../src/medyear/service.js';

/** The agenda card's pulse and violence sections: only what the ports hand over, worded as their own cards word it. */
const base: AgendaData = {
  meeting: { forum: 'med', date: '2027-03-10', time: '13:00' },
  items: ['sygefravaer'],
  actions: { open: 0, overdue: [] },
  sickness: [],
  violence: [],
  added: [],
};
const text = (data: AgendaData) => JSON.stringify(agendaCard({ workplaceName: 'Bostedet Solhøj', data, today: '2027-03-05' }));

describe('the agenda card: pulse and violence', () => {
  it('shows each published value with its change, and a hidden dimension as not shown', () => {
    const out = text({
      ...base,
      pulse: {
        weekLabel: 'uge 8',
        band: 'most',
        tooFew: false,
        dimensions: [
          { name: 'Mening i arbejdet', value: 4, change: 0.5, low: false, fell: false },
          { name: 'Passende krav', value: 2.5, change: -1, low: true, fell: true },
          { name: 'Tillid', value: 3.5, change: 0, low: false, fell: false },
          { name: 'Social støtte', value: undefined, change: undefined, low: false, fell: false },
        ],
      },
    });
    expect(out).toContain('Trivselspuls (uge 8, anonymt)');
    expect(out).toContain('Mening i arbejdet: 4,0 af 5 (▲ +0,5)');
    expect(out).toContain('Passende krav: 2,5 af 5 (▼ −1,0)');
    expect(out).toContain('Tillid: 3,5 af 5 (uændret)');
    expect(out).toContain('Social støtte: vises ikke');
  });

  it('a round with too few answers shows no value at all; no round says so', () => {
    const few = text({ ...base, pulse: { weekLabel: 'uge 9', band: 'under', tooFew: true, dimensions: [{ name: 'Tillid', value: 3, change: undefined, low: false, fell: false }] } });
    expect(few).toContain('For få svar til at vise tal.');
    expect(few).not.toContain('Tillid');
    expect(few).not.toContain('af 5');
    expect(text(base)).toContain('Ingen trivselspuls er afsluttet endnu.');
  });

  it('violence: the shown total and kinds per month, or no figures', () => {
    const out = text({ ...base, violence: [{ month: '2027-02', total: '7', byKind: [{ label: 'Fysisk vold', count: '3' }, { label: 'Øvrige (samlet)', count: '4' }] }, { month: '2027-01', total: 'under 3', byKind: [] }] });
    expect(out).toContain('februar 2027: 7 episoder (Fysisk vold 3, Øvrige (samlet) 4)');
    expect(out).toContain('januar 2027: under 3 episoder"');
    expect(text(base)).toMatch(/Vold, trusler og krænkelser \(anonymt\).*Ingen tal endnu\./);
  });
});
