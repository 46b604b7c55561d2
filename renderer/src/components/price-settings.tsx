import { useState } from 'react';
import { PriceTable, type ModelPrice } from '../../../shared/usage.js';
import { DEFAULT_PRICES } from '../../../shared/default-prices.js';
import { api } from '../api/api-instance.js';
import { errorMessage } from '../api/errors.js';
import { useSettingsStore } from '../stores/settings-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { SettingsSection } from './settings-section.js';

type Row = Record<keyof ModelPrice, string>;
const NUMBERS = ['input', 'output', 'cacheRead', 'cacheWrite'] as const;
const HEADINGS: Record<(typeof NUMBERS)[number], string> = {
  input: 'Input',
  output: 'Output',
  cacheRead: 'Cache read',
  cacheWrite: 'Cache write',
};

const toRows = (table: PriceTable): Row[] =>
  table.map((p) => ({ model: p.model, ...Object.fromEntries(NUMBERS.map((k) => [k, String(p[k])])) }) as Row);

/** Rows as numbers; an empty number field is refused (0 is typed), never read as 0. */
function fromRows(rows: Row[]) {
  return PriceTable.safeParse(
    rows.map((row) => ({
      model: row.model,
      ...Object.fromEntries(NUMBERS.map((k) => [k, row[k].trim() === '' ? Number.NaN : Number(row[k])])),
    })),
  );
}

/**
 * The price table, USD per million tokens, that gives each session's usage its cost. Saved on its own
 * (Save prices); a model without a row has no cost ("—"), never a guessed one.
 */
export function PriceSettings() {
  const saved = useSettingsStore((s) => s.settings?.prices ?? DEFAULT_PRICES);
  const [rows, setRows] = useState<Row[]>(() => toRows(saved));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const change = (index: number, key: keyof ModelPrice, value: string) =>
    setRows((all) => all.map((row, i) => (i === index ? { ...row, [key]: value } : row)));

  const save = async () => {
    const parsed = fromRows(rows);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const [index, key] = issue?.path ?? [];
      const where =
        typeof index === 'number' ? `${rows[index]?.model || `row ${index + 1}`} ${String(key ?? '')}: ` : '';
      setError(`${where}${issue?.message ?? 'invalid'}`);
      return;
    }
    setBusy(true);
    try {
      const settings = await api().invoke('settings.set', { prices: parsed.data });
      useSettingsStore.getState().setSettings(settings);
      setRows(toRows(settings.prices));
      setError(null);
      useUiStore.getState().notify('Prices saved', 'info');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const actions = (
    <>
      <button
        type="button"
        className="btn"
        onClick={() =>
          setRows((all) => [...all, { model: '', input: '0', output: '0', cacheRead: '0', cacheWrite: '0' }])
        }
      >
        Add model
      </button>
      <button type="button" className="btn" onClick={() => setRows(toRows(DEFAULT_PRICES))}>
        Defaults
      </button>
      <button type="button" className="btn primary" disabled={busy} onClick={() => void save()}>
        Save prices
      </button>
    </>
  );
  return (
    <SettingsSection
      id="prices"
      title="Prices"
      caption="USD per million tokens, for each session's cost"
      className="price-settings"
      actions={actions}
      busy={busy}
    >
      {error ? (
        <p className="price-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="price-table-scroll">
        <table className="price-table">
          <thead>
            <tr>
              <th>Model</th>
              {NUMBERS.map((k) => (
                <th key={k}>{HEADINGS[k]}</th>
              ))}
              <th aria-label="Remove" />
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index}>
                <td className="price-model">
                  <input
                    aria-label={`Model ${index + 1}`}
                    value={row.model}
                    placeholder="claude-sonnet-4-5 or prefix-*"
                    onChange={(e) => change(index, 'model', e.target.value)}
                  />
                </td>
                {NUMBERS.map((k) => (
                  <td key={k}>
                    <input
                      aria-label={`${row.model || `Model ${index + 1}`} ${HEADINGS[k].toLowerCase()} price`}
                      inputMode="decimal"
                      value={row[k]}
                      onChange={(e) => change(index, k, e.target.value)}
                    />
                  </td>
                ))}
                <td>
                  <button
                    type="button"
                    className="icon-btn"
                    aria-label={`Remove ${row.model || `row ${index + 1}`}`}
                    onClick={() => setRows((all) => all.filter((_, i) => i !== index))}
                  >
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </SettingsSection>
  );
}
