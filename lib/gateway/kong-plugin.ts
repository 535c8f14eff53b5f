/**
 * Kong plugins for gateway routes, rendered as `KongPlugin` custom resources
 * (configuration.konghq.com/v1) next to the route's Ingress. Typed options for the
 * plugins most APIs need on day one; any other plugin through {@link KongPlugin.custom}
 * with Kong's own configuration keys (https://developer.konghq.com/plugins/).
 */
import { ValidationError, assertDns1123Label, assertIntegerInRange, assertNonEmpty, isUnresolved } from '../private/validation';

/** Where rate-limiting counters live. */
export enum RateLimitPolicy {
  /** In each Kong pod's memory: limits apply per replica. */
  LOCAL = 'local',
  /** In Redis (configure `redis` through `KongPlugin.custom`). */
  REDIS = 'redis',
}

/** Options of the `rate-limiting` plugin. At least one window. */
export interface RateLimitingOptions {
  /**
   * Requests per second.
   * @default no per-second limit
   */
  readonly second?: number;
  /**
   * Requests per minute.
   * @default no per-minute limit
   */
  readonly minute?: number;
  /**
   * Requests per hour.
   * @default no per-hour limit
   */
  readonly hour?: number;
  /**
   * Where counters live.
   * @default RateLimitPolicy.LOCAL
   */
  readonly policy?: RateLimitPolicy;
  /**
   * What a client is counted by: `ip`, `consumer`, `credential`, `service`, `header`, `path`.
   * @default "ip"
   */
  readonly limitBy?: string;
}

/** Options of the `cors` plugin. */
export interface CorsOptions {
  /** Allowed origins, e.g. `["https://app.acme.example"]`; `*` only if credentials are off. */
  readonly origins: string[];
  /**
   * Allowed methods.
   * @default Kong's default (GET, HEAD, PUT, PATCH, POST, DELETE, OPTIONS, TRACE, CONNECT)
   */
  readonly methods?: string[];
  /**
   * Allowed request headers.
   * @default the request's `Access-Control-Request-Headers`
   */
  readonly headers?: string[];
  /**
   * Response headers exposed to the browser.
   * @default none
   */
  readonly exposedHeaders?: string[];
  /**
   * Send `Access-Control-Allow-Credentials: true`.
   * @default false
   */
  readonly credentials?: boolean;
  /**
   * Preflight cache lifetime, in seconds.
   * @default no `Access-Control-Max-Age`
   */
  readonly maxAge?: number;
}

/** Name and namespace of a rendered `KongPlugin`. */
export interface KongPluginMetadata {
  readonly name: string;
  readonly namespace: string;
}

/** A rendered `KongPlugin` resource. */
export interface KongPluginManifest {
  readonly apiVersion: 'configuration.konghq.com/v1';
  readonly kind: 'KongPlugin';
  readonly metadata: KongPluginMetadata;
  readonly plugin: string;
  readonly config: { [key: string]: unknown };
}

const CORS_METHODS = ['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT'];
const LIMIT_BY = ['ip', 'consumer', 'credential', 'service', 'header', 'path', 'consumer-group'];

/** A Kong plugin attached to a route. */
export class KongPlugin {
  /** Kong's `rate-limiting` plugin. */
  public static rateLimiting(options: RateLimitingOptions): KongPlugin {
    const field = 'KongPlugin.rateLimiting';
    const windows = { second: options.second, minute: options.minute, hour: options.hour };
    for (const [window, value] of Object.entries(windows)) assertIntegerInRange(value, `${field}.${window}`, 1, RATE_LIMIT_MAX);
    if (Object.values(windows).every((value) => value === undefined)) {
      throw new ValidationError(field, options, 'needs at least one of second, minute or hour, e.g. { minute: 600 }');
    }
    const policy = options.policy ?? RateLimitPolicy.LOCAL;
    if (!Object.values(RateLimitPolicy).includes(policy)) {
      throw new ValidationError(`${field}.policy`, policy, `must be one of ${Object.values(RateLimitPolicy).map((p) => `"${p}"`).join(', ')}`);
    }
    const limitBy = options.limitBy ?? 'ip';
    if (!LIMIT_BY.includes(limitBy)) {
      throw new ValidationError(`${field}.limitBy`, limitBy, `must be one of ${LIMIT_BY.map((l) => `"${l}"`).join(', ')}`);
    }
    const config: { [key: string]: unknown } = { policy, limit_by: limitBy };
    for (const [window, value] of Object.entries(windows)) if (value !== undefined) config[window] = value;
    return new KongPlugin('rate-limiting', config);
  }

  /** Kong's `cors` plugin. */
  public static cors(options: CorsOptions): KongPlugin {
    const field = 'KongPlugin.cors';
    if (!Array.isArray(options.origins) || options.origins.length === 0) {
      throw new ValidationError(`${field}.origins`, options.origins, 'must list at least one origin, e.g. ["https://app.acme.example"]');
    }
    options.origins.forEach((origin, index) => assertNonEmpty(origin, `${field}.origins[${index}]`, 'https://app.acme.example'));
    if (!corsOriginsAllowCredentials(options.origins, options.credentials)) {
      throw new ValidationError(`${field}.origins`, options.origins, 'must name origins explicitly when credentials is true (browsers reject "*" with credentials)');
    }
    for (const method of options.methods ?? []) {
      if (!CORS_METHODS.includes(method)) {
        throw new ValidationError(`${field}.methods`, method, `must be one of ${CORS_METHODS.join(', ')}`);
      }
    }
    assertIntegerInRange(options.maxAge, `${field}.maxAge`, 0, 86400);
    const config: { [key: string]: unknown } = { origins: [...options.origins], credentials: options.credentials ?? false };
    if (options.methods) config.methods = [...options.methods];
    if (options.headers) config.headers = [...options.headers];
    if (options.exposedHeaders) config.exposed_headers = [...options.exposedHeaders];
    if (options.maxAge !== undefined) config.max_age = options.maxAge;
    return new KongPlugin('cors', config);
  }

  /**
   * Any Kong plugin by name, configured with Kong's own keys, e.g.
   * `KongPlugin.custom('request-size-limiting', { allowed_payload_size: 8 })`.
   * Secrets do not belong here: the configuration is stored in plain text.
   */
  public static custom(name: string, config: { [key: string]: unknown }): KongPlugin {
    assertDns1123Label(name, 'KongPlugin.custom.name', 'Kong plugin name');
    if (config === null || typeof config !== 'object' || Array.isArray(config)) {
      throw new ValidationError('KongPlugin.custom.config', config, 'must be an object of the plugin\'s configuration keys, e.g. { allowed_payload_size: 8 }');
    }
    return new KongPlugin(name, { ...config });
  }

  private constructor(
    /** Kong plugin name, e.g. `rate-limiting`. */
    public readonly pluginName: string,
    private readonly config: { [key: string]: unknown },
  ) {}

  /** The `KongPlugin` resource named `name` in `namespace`. */
  public toManifest(name: string, namespace: string): KongPluginManifest {
    if (!isUnresolved(name)) assertDns1123Label(name, 'KongPlugin.toManifest.name', 'KongPlugin resource name');
    return {
      apiVersion: 'configuration.konghq.com/v1',
      kind: 'KongPlugin',
      metadata: { name, namespace },
      plugin: this.pluginName,
      config: { ...this.config },
    };
  }
}

/** Browsers refuse `Access-Control-Allow-Origin: *` on a credentialed request: with credentials, origins must be explicit. */
export function corsOriginsAllowCredentials(origins: readonly string[], credentials: boolean | undefined): boolean {
  return !(credentials && origins.includes('*'));
}

/** Largest rate-limit window count the library accepts. */
export const RATE_LIMIT_MAX = 1_000_000_000;
