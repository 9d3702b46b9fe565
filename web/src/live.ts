/**
 * Live updates over the API's Server-Sent Events subscription (POST with `accept:
 * text/event-stream`: EventSource cannot send the JSON body). One stream per page; when it ends
 * or fails it is opened again after a pause, so a restarted service is picked up.
 */
import { AnalystChangesSubscription } from '../../src/client/analyst.js';
import type { AnalystChangesSubscription as Change } from '../../src/client/generated/graphql.js';
import { GRAPHQL_URL } from './api.js';

export type ArticleChange = NonNullable<Change['articleIngested']>;

const RETRY_MS = 5_000;

export function watchChanges(onChange: (change: ArticleChange) => void, onStatus: (live: boolean) => void): void {
  const connect = async () => {
    try {
      const response = await fetch(GRAPHQL_URL, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query: AnalystChangesSubscription.toString() }),
      });
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      onStatus(true);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += value;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
          const event = /^event: ?(.*)$/m.exec(block)?.[1];
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5).trimStart())
            .join('\n');
          if (event !== 'next' || !data) continue;
          const change = (JSON.parse(data) as { data?: Change }).data?.articleIngested;
          if (change) onChange(change);
        }
      }
    } catch {
      // Reported through onStatus; the page works without live updates.
    }
    onStatus(false);
    setTimeout(() => void connect(), RETRY_MS);
  };
  void connect();
}
