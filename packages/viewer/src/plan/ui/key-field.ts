/** The API key field (issue 7): shows the tab's stored key and stores what is typed. */
import { storeApiKey, storedApiKey } from '../../api/index.ts';
import { $ } from '../planner.ts';
import { TEXT } from '../strings.ts';

/**
 * Fills `#api-key` with the stored key and stores it on change (sessionStorage, see api-key.ts).
 * @example wireKeyField()
 */
export function wireKeyField(): void {
  const input = $<HTMLInputElement>('api-key');
  input.value = storedApiKey();
  input.addEventListener('change', () => {
    storeApiKey(input.value);
    $('save-status').textContent = input.value.trim() ? TEXT.keyStored : TEXT.keyCleared;
  });
}
