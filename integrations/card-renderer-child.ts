/**
 * The helper process of ./card-renderer.ts: draws the social cards it is sent
 * and sends each JPEG back. It runs under `nice`, so it has only the CPU the
 * build leaves idle; the build writes and records the files itself.
 */
import { cardBackdrops, renderSocialCard, type CardJob } from '#src/lib/seo/social-card.ts';

export type CardRequest = { id: number; job: CardJob };
export type CardReply = { id: number; jpeg: Uint8Array } | { id: number; error: string };

// One crop of each hero for this process's life, which is one build.
const backdrops = cardBackdrops();

process.on('message', (request: CardRequest) => {
  renderSocialCard(request.job, backdrops).then(
    (jpeg) => process.send?.({ id: request.id, jpeg } satisfies CardReply),
    (error: unknown) => process.send?.({ id: request.id, error: (error as Error).message ?? String(error) } satisfies CardReply),
  );
});
// The build ended (or died): nothing is left to draw for.
process.on('disconnect', () => process.exit(0));
