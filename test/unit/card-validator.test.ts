import { describe, expect, it } from 'vitest';
import { validateCard } from '../support/card-validator.js';

const card = (body: object[], actions: object[] = [], extra: object = {}) => ({
  type: 'AdaptiveCard',
  version: '1.5',
  body,
  actions,
  ...extra,
});
const text = { type: 'TextBlock', text: 'Hej', wrap: true };

describe('validateCard', () => {
  it('accepts a good card with inputs, Action.Execute and Action.Submit', () => {
    const good = card(
      [text, { type: 'Input.Text', id: 'title', label: 'Titel', isRequired: true, errorMessage: 'Skriv en titel' }],
      [
        { type: 'Action.Execute', title: 'Gem', verb: 'actions.create', data: { workplaceId: 'w1' } },
        { type: 'Action.Submit', title: 'Send', data: { verb: 'actions.create' } },
      ],
    );
    expect(validateCard(good)).toEqual([]);
  });

  it('flags an unknown element type, also deep inside a column', () => {
    expect(validateCard(card([{ type: 'TextBlok', text: 'x' }]))).toEqual([
      expect.stringMatching(/UnknownElementType.*TextBlok/),
    ]);
    const nested = card([{ type: 'ColumnSet', columns: [{ type: 'Column', items: [{ type: 'Nope' }] }] }]);
    expect(validateCard(nested).join('\n')).toMatch(/UnknownElementType.*Nope/);
  });

  it('flags an unknown action type in actions and in selectAction', () => {
    expect(validateCard(card([text], [{ type: 'Action.Run', title: 'x' }]))).toEqual([
      expect.stringMatching(/UnknownActionType.*Action\.Run/),
    ]);
    const select = card([{ ...text, type: 'Container', items: [text], selectAction: { type: 'Action.Click' } }]);
    expect(validateCard(select).join('\n')).toMatch(/UnknownActionType.*Action\.Click/);
  });

  it('flags an input without id and duplicate ids', () => {
    expect(validateCard(card([{ type: 'Input.Text', label: 'Navn' }])).join('\n')).toMatch(/PropertyCantBeNull.*Id/);
    const dup = card([
      { type: 'Input.Text', id: 'a', label: 'A' },
      { type: 'Input.Toggle', id: 'a', title: 'B', label: 'B' },
    ]);
    expect(validateCard(dup).join('\n')).toMatch(/DuplicateId.*"a"/);
  });

  it('flags Action.Execute without a verb', () => {
    expect(validateCard(card([text], [{ type: 'Action.Execute', title: 'Gem' }])).join('\n')).toMatch(/no verb/);
  });

  it('flags invalid enum values but not ${...} bindings', () => {
    expect(validateCard(card([{ ...text, color: 'purple' }])).join('\n')).toMatch(/InvalidPropertyValue.*purple/);
    expect(validateCard(card([{ ...text, color: '${color}', size: '${size}' }]))).toEqual([]);
  });

  it('ignores the templating properties $data and $when', () => {
    const template = card(
      [
        { ...text, text: '${title}', $when: '${showTitle}' },
        { type: 'Container', $data: '${items}', items: [{ ...text, text: '${name}' }] },
      ],
      [{ type: 'Action.Execute', title: '${label}', verb: 'x.y', data: { id: '${id}' }, $when: '${canAct}' }],
    );
    expect(validateCard(template)).toEqual([]);
  });

  it('flags a missing or too new version and properties newer than 1.5', () => {
    expect(validateCard({ type: 'AdaptiveCard', body: [text] }).join('\n')).toMatch(/version/);
    expect(validateCard(card([text], [], { version: '1.6' })).join('\n')).toMatch(/newer than 1\.5/);
    const newer = card([{ type: 'Input.Text', id: 'a', label: 'A', labelPosition: 'inline' }]);
    expect(validateCard(newer).join('\n')).toMatch(/UnsupportedProperty.*labelPosition/);
  });

  it('flags a wrong card type and more than six actions', () => {
    expect(validateCard({ ...card([text]), type: 'Card' }).join('\n')).toMatch(/MissingCardType/);
    const seven = Array.from({ length: 7 }, (_, i) => ({ type: 'Action.Submit', title: `A${i}` }));
    expect(validateCard(card([text], seven)).join('\n')).toMatch(/TooManyActions/);
    expect(validateCard(card([text], seven.slice(1)))).toEqual([]);
  });
});
