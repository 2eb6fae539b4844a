/** What `npm run init` prints when it is done: what is left to the owner, in the order of README's "Make it yours". */

export function nextSteps(options: { authorProfile: string; welcome: string | null; logo: string }): string {
  const steps = [
    `See it: npm run dev, then open http://localhost:4321/${options.welcome ? ' (the welcome post is there)' : ''}.`,
    `Tell readers who you are: ${options.authorProfile} (job title, avatar, links, a bio).`,
    'Write: npm run new -- "Title" --category "Name" starts a post (README, "The editor\'s day").',
    `Make it look yours: colours (light and dark), fonts and width in src/styles/; the logo is public/${options.logo}.`,
    'Navigation, footer and opt-in services (analytics, comments, newsletter): src/site.config.ts.',
    'Deploy: commit and push; README, "Deploying", for GitHub Pages, Netlify or Cloudflare Pages.',
  ];
  return `Next steps:\n${steps.map((step, i) => `  ${i + 1}. ${step}`).join('\n')}`;
}
