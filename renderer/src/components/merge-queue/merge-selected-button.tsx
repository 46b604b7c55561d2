import { api } from '../../api/api-instance.js';
import { errorMessage } from '../../api/errors.js';
import { inGridOrder, selectedIds } from '../../stores/selection-store.js';
import { useSessionsStore } from '../../stores/sessions-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { useViewStore } from '../../stores/view-store.js';

/** Starts the queue; its progress arrives as events (the panel), a refusal as a notice. */
async function startQueue(ids: string[]): Promise<void> {
  try {
    await api().invoke('mergeQueue.start', { ids });
  } catch (error) {
    useUiStore.getState().notify(`Merge selected refused: ${errorMessage(error)}`);
  }
}

/** "Merge selected": lands the selected sessions one after the other, in the order the grid shows them. */
export function MergeSelectedButton({ count }: { count: number }) {
  const merge = () => {
    const ids = inGridOrder(selectedIds(), useViewStore.getState().order);
    const byId = useSessionsStore.getState().byId;
    const names = ids.map((id) => byId[id]?.name ?? id);
    useUiStore.getState().askConfirm({
      title: `Merge ${ids.length} sessions in order?`,
      body:
        `${names.join(', then ')}. Each in turn is rebased onto its base branch, validated, then squash-merged. ` +
        'The queue stops at the first that conflicts or fails, leaving its branch as it was. ' +
        'Sessions with uncommitted changes are refused: commit them first.',
      confirmLabel: `Merge ${ids.length} sessions`,
      onConfirm: () => void startQueue(ids),
    });
  };
  return (
    <button
      type="button"
      className="btn"
      disabled={count < 2}
      title={
        count < 2
          ? 'Select two or more sessions to merge them in order'
          : 'Rebase, validate and squash-merge each selected session, in grid order'
      }
      onClick={merge}
    >
      Merge selected
    </button>
  );
}
