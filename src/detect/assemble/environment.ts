import { blockPath, type Block, type Field } from './fields.js';

/**
 * The framework environment a login sits under: a block named after it (Rails, Sequelize, Knex,
 * Mongoid: `production:`), the file's name (`.env.production`, `application-prod.yml`,
 * `appsettings.Production.json`), or a variable naming it (`APP_ENV=production`, a Kubernetes
 * `namespace: production`). Values are normalised to production, staging, development, test.
 */
const ENVIRONMENTS: Record<string, string> = {
  production: 'production',
  prod: 'production',
  prd: 'production',
  live: 'production',
  staging: 'staging',
  stage: 'staging',
  preprod: 'staging',
  uat: 'staging',
  qa: 'staging',
  development: 'development',
  dev: 'development',
  local: 'development',
  test: 'test',
  testing: 'test',
  ci: 'test',
};
export const NON_PRODUCTION = new Set(['development', 'test']);
const ENV_KEYS =
  /^(?:namespace|APP_ENV|RAILS_ENV|RACK_ENV|NODE_ENV|ENVIRONMENT|ENV|FLASK_ENV|DJANGO_ENV|SPRING_PROFILES_ACTIVE|ASPNETCORE_ENVIRONMENT|STAGE)$/i;
export function environmentOfBlocks(blocks: readonly Block[], block: number): string | undefined {
  for (const name of blockPath(blocks, block)) {
    const environment = ENVIRONMENTS[name.toLowerCase()];
    if (environment) return environment;
  }
  return undefined;
}

/** `.env.production`, `application-prod.yml`, `config/environments/production.rb`, `settings/production.py`. */
export function environmentOfFile(path: string): string | undefined {
  const name = path.toLowerCase();
  const match =
    /(?:[._-]|\/(?:environments?|settings|envs?)\/)(production|prod|prd|staging|stage|preprod|development|dev|local|test|testing)(?:\.[a-z0-9]+)*$/.exec(name);
  return match ? ENVIRONMENTS[match[1]] : undefined;
}

/** The environment a flat file names in a variable (`APP_ENV=production`), for files that are one environment. */
export function environmentOfVariables(fields: readonly Field[]): string | undefined {
  const named = fields.find((f) => ENV_KEYS.test(f.key));
  return named ? ENVIRONMENTS[named.value.toLowerCase()] : undefined;
}
