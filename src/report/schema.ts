/**
 * JSON Schema (draft 2020-12) of the report contract. schema/report.schema.json is generated
 * from this object (`blastradius schema`), and a test checks that the file is current and that
 * real reports validate against it. Field names are a contract: add, never rename.
 */
const levels = { enum: ['none', 'read', 'write', 'destroy'] };
const severity = { enum: ['critical', 'high', 'medium', 'low', 'info'] };
const resourceClass = { enum: ['production', 'backup', 'other'] };
const str = { type: 'string' };
const int = { type: 'integer', minimum: 0 };

const location = {
  type: 'object',
  required: ['file', 'line', 'column'],
  properties: {
    file: { type: 'string', description: 'Path relative to its scan root, forward slashes.' },
    line: { type: 'integer', minimum: 1 },
    column: { type: 'integer', minimum: 1 },
    root: { type: 'string', description: 'The scan root, when several roots (or --home) were scanned.' },
    commit: { type: 'string', description: 'Commit the location was found in (history scans).' },
  },
};

const grant = {
  type: 'object',
  required: ['action', 'resource', 'evidence'],
  properties: {
    action: { enum: ['read', 'write', 'destroy', 'admin'] },
    resource: { type: 'string', description: 'Canonical resource id or a wildcard pattern over canonical ids.' },
    evidence: { type: 'string', description: 'The scope, policy statement or role attribute that grants it.' },
    operation: str,
    principal: str,
    combination: { type: 'array', items: str, description: 'Other operations this grant needed to act (a combination), all held.' },
  },
};

const path = {
  type: 'object',
  required: ['tokenId', 'principal', 'evidence', 'action', 'resource', 'resourceClass', 'level'],
  properties: {
    tokenId: str,
    principal: str,
    evidence: str,
    action: { enum: ['read', 'write', 'destroy', 'admin'] },
    operation: str,
    resource: str,
    resourceClass,
    classifiedBy: {
      ...str,
      description: 'why the resource has that class: the config glob, the heuristic (name, type, managed host), or the credential environment',
    },
    level: levels,
    alsoReaches: { type: 'object', required: ['resourceClass', 'reason'], properties: { resourceClass, reason: str } },
    protection: {
      type: 'object',
      required: ['kind', 'description', 'effective'],
      properties: { kind: str, description: str, effective: { type: 'boolean' }, reason: str },
    },
  },
};

const blastRadius = {
  type: ['object', 'null'],
  required: ['production', 'backup', 'shared', 'severity', 'summary', 'paths', 'protections', 'recommendations'],
  properties: {
    production: levels,
    backup: levels,
    shared: { type: 'boolean' },
    severity,
    summary: str,
    paths: { type: 'array', items: path },
    protections: {
      type: 'array',
      items: {
        type: 'object',
        required: ['kind', 'resource', 'description', 'effective'],
        properties: { kind: str, resource: str, description: str, effective: { type: 'boolean' }, reason: str },
      },
    },
    recommendations: { type: 'array', items: str },
    possible: {
      type: 'object',
      description:
        'The possible bound: what the token could still do given what could not be read (each unknown read as the most it could allow over the resources it bears on). Never below the proven bound (production/backup/shared/severity above). The gate fails on it for live tokens unless gate.possible is warn.',
      required: ['production', 'backup', 'shared', 'severity', 'because', 'paths'],
      properties: {
        production: levels,
        backup: levels,
        shared: { type: 'boolean' },
        severity,
        because: {
          type: 'array',
          description: 'The unknowns that widened the bound, with what would settle each (empty when possible = proven).',
          items: { type: 'object', required: ['what', 'reason'], properties: { what: str, reason: str, settle: str } },
        },
        paths: { type: 'array', items: path, description: 'Paths that exist only in the possible bound; their evidence names the unknown.' },
      },
    },
  },
};

const token = {
  type: 'object',
  required: ['id', 'ruleId', 'provider', 'kind', 'redacted', 'locations', 'verification', 'identity', 'grants', 'blastRadius'],
  properties: {
    id: {
      type: 'string',
      pattern: '^[0-9a-f]{64}$',
      description:
        'Lowercase hex SHA-256 of the secret (AWS: of KEYID:SECRET) when the secret has at least 100 bits of entropy; for a guessable secret (a password) an HMAC-SHA256 keyed with BLASTRADIUS_ID_KEY or the per-user key, so that no reader can confirm a guessed password (see idKind).',
    },
    idKind: { enum: ['sha256', 'keyed'], description: 'How id was made: sha256 (portable everywhere) or keyed (portable only with the same key).' },
    ruleId: str,
    provider: str,
    kind: str,
    redacted: str,
    locations: { type: 'array', minItems: 1, items: location },
    verification: {
      type: 'object',
      required: ['status'],
      properties: {
        status: { enum: ['live', 'invalid', 'unverified', 'error', 'canary'] },
        detail: str,
        endpoints: { type: 'array', items: str },
        cached: { type: 'boolean' },
        verifiedIn: {
          type: 'string',
          description:
            '`scan --verify-ids`: the report (as `merge` names it) whose scan verifies this token for the organisation; here it stays unverified, and `merge` gives it that answer.',
        },
      },
    },
    identity: { type: ['object', 'null'], required: ['principal'], properties: { principal: str, type: str, account: str, displayName: str, endpoint: str } },
    grants: { type: 'array', items: grant },
    resources: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'type', 'name', 'provider'],
        properties: { id: str, type: str, name: str, provider: str, holdsBackups: { type: 'boolean' }, attributes: { type: 'object' } },
      },
    },
    protections: { type: 'array', items: { type: 'object', required: ['kind', 'resource', 'blocks', 'description'] } },
    unknowns: {
      type: 'array',
      items: {
        type: 'object',
        required: ['what', 'reason'],
        properties: {
          what: str,
          reason: str,
          upTo: {
            enum: ['none', 'read', 'write', 'destroy', 'admin'],
            description: 'The most it could let the token do (absent: destroy); none when it does not bear on reach.',
          },
          resources: { type: 'array', items: str, description: 'Resources it bears on (absent: everything the token can see).' },
          settle: { type: 'string', description: 'What would settle it: a flag, or the exact read that was denied.' },
        },
      },
    },
    notes: { type: 'array', items: str },
    blastRadius,
    introduced: {
      type: 'boolean',
      description:
        '`ci --base` only: true when a location of the token is on a line the change adds (judged by the per-token gate); false when every location was already at the base (listed as pre-existing, not gated token by token; still part of the workspace verdict).',
    },
    baseline: { type: 'object', required: ['status', 'previous'], properties: { status: { const: 'changed' }, previous: { type: 'object' } } },
  },
};

const workspace = {
  type: ['object', 'null'],
  required: ['production', 'backup', 'shared', 'severity', 'summary', 'tokens'],
  properties: {
    production: levels,
    backup: levels,
    shared: { type: 'boolean' },
    severity,
    summary: str,
    tokens: { type: 'array', items: str },
    productionVia: { type: 'array', items: str },
    backupVia: { type: 'array', items: str },
    possible: {
      type: 'object',
      description: "The union's possible bound: live tokens' possible bounds and the other tokens' proven ones.",
      required: ['production', 'backup', 'shared', 'severity', 'summary', 'tokens'],
      properties: { production: levels, backup: levels, shared: { type: 'boolean' }, severity, summary: str, tokens: { type: 'array', items: str } },
    },
  },
};

export const reportSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://github.com/blastradius/blastradius/schema/report.schema.json',
  title: 'blastradius report',
  type: 'object',
  required: ['schemaVersion', 'tool', 'scan', 'tokens'],
  properties: {
    schemaVersion: { const: 1 },
    tool: { type: 'object', required: ['name', 'version'], properties: { name: { const: 'blastradius' }, version: str } },
    scan: {
      type: 'object',
      required: ['roots', 'files', 'bytes', 'skipped', 'durationMs', 'errors'],
      properties: {
        roots: { type: 'array', items: str },
        base: { type: 'string', description: "Absolute path that every location's path is relative to (the repository holding the first scan root)." },
        warnings: { type: 'array', items: str, description: "What the scan ignored on purpose (e.g. a key the workspace's config may not set)." },
        files: int,
        bytes: int,
        skipped: { type: 'array', items: { type: 'object', required: ['file', 'reason'], properties: { file: str, reason: str } } },
        durationMs: int,
        errors: { type: 'array', items: { type: 'object', required: ['file', 'message'], properties: { file: str, message: str } } },
        partial: { type: 'array', items: { type: 'object', required: ['file', 'reason'], properties: { file: str, reason: str } } },
        suppressed: { type: 'object', properties: { inline: int, baseline: int } },
        offline: { type: 'boolean' },
        excluded: {
          type: 'object',
          description:
            "The project config's paths.exclude globs (blastradius.yaml, chosen by the scanned repository) and how many distinct files they left out. Absent when the config excludes nothing.",
          required: ['patterns', 'files'],
          properties: { patterns: { type: 'array', items: str }, files: int },
        },
      },
    },
    workspace,
    tokens: { type: 'array', items: token },
    organisation: {
      type: 'object',
      description: '`blastradius merge`: the repositories behind this report (worst first) and the tokens found in more than one of them.',
      required: ['repositories', 'sharedTokens'],
      properties: {
        repositories: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name', 'severity', 'possibleSeverity', 'tokens', 'critical', 'files'],
            properties: { name: str, severity, possibleSeverity: severity, tokens: int, critical: int, files: int },
          },
        },
        sharedTokens: {
          type: 'array',
          items: {
            type: 'object',
            required: ['id', 'provider', 'redacted', 'repositories'],
            properties: { id: str, provider: str, redacted: str, repositories: { type: 'array', items: str } },
          },
        },
      },
    },
    review: {
      type: 'object',
      description:
        '`ci --base REF`: the base revision whose gate, resource classes and baseline judged the change, and the suppressions the change adds to itself (listed, never applied).',
      required: ['base', 'suppressionsAdded'],
      properties: {
        base: { type: 'object', required: ['ref', 'commit'], properties: { ref: str, commit: str } },
        suppressionsAdded: {
          type: 'array',
          items: {
            type: 'object',
            required: ['kind', 'file', 'detail'],
            properties: {
              kind: { enum: ['inline-allow', 'baseline-entry', 'reclassified', 'gate-relaxed', 'path-excluded'] },
              file: { type: 'string', description: 'Repository path of the file that adds it.' },
              line: { type: 'integer', minimum: 1 },
              detail: str,
              tokenId: str,
            },
          },
        },
      },
    },
  },
} as const;
