// The github provider: what blastradius knows about it without a network call. API docs: https://docs.github.com/en/rest
import type { ProviderManifest } from '../types.js';
import { githubCiPaths } from './ci-paths.js';
import { recommendGithub } from './recommend.js';
import { readWorkflowFacts } from './workflows.js';

const manifest: ProviderManifest = {
  id: 'github',
  docsUrl: 'https://docs.github.com/en/rest',
  rules: ['github.classic-pat', 'github.oauth', 'github.user-to-server', 'github.installation', 'github.refresh', 'github.fine-grained-pat'],
  load: () => import('./index.js'),
  demo: () => import('./fake.js').then((fake) => fake.startDemo()),
  resourceKinds: { repository: {} },
  recommend: recommendGithub,
  endpointEnv: ['GITHUB_API_URL'],
  ciPaths: githubCiPaths,
  readWorkflows: readWorkflowFacts,
};

export default manifest;
