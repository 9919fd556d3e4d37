import { loadConfiguration } from '@app/config';
import { Deployment } from 'kubernetes-models/apps/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Secret, Service, ServiceAccount } from 'kubernetes-models/v1';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type KubernetesObject, renderKustomization } from './kustomize-subset';

// deploy/kubernetes: each overlay rendered, every object validated against the Kubernetes schemas
// (kubernetes-models), and the essentials of a sidecar deployment checked, down to the sidecar accepting the
// configuration the manifests give it.

const DEPLOY = resolve(__dirname, '../../deploy/kubernetes');
const RENDERINGS = { base: 'base', redis: 'overlays/redis' };

// The classes validate with the JSON schemas of the Kubernetes API (apiVersion/kind → schema).
const MODELS: Record<string, new (object: never) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
};

interface Probe {
  httpGet?: { path?: string; port?: number | string };
}
interface Container {
  name: string;
  restartPolicy?: string;
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  ports?: { containerPort: number }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: Record<string, unknown> & { capabilities?: { drop?: string[] } };
}
interface PodSpec {
  serviceAccountName?: string;
  securityContext?: Record<string, unknown>;
  initContainers?: Container[];
  containers: Container[];
}

const find = (objects: KubernetesObject[], kind: string, name: string) => {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  expect(found, `${kind} ${name}`).toBeDefined();
  return found as KubernetesObject;
};
const podSpec = (objects: KubernetesObject[]) =>
  (
    find(objects, 'Deployment', 'orders').spec as {
      template: { spec: PodSpec; metadata: { labels: object } };
    }
  ).template;
const sidecarOf = (objects: KubernetesObject[]) => {
  const sidecar = podSpec(objects).spec.initContainers?.find(
    (container) => container.name === 'entra-sidecar',
  );
  expect(sidecar, 'the sidecar among the init containers').toBeDefined();
  return sidecar as Container;
};

/** The environment the sidecar container gets from its ConfigMap and Secret (stringData as the API stores it). */
function sidecarEnvironment(objects: KubernetesObject[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of sidecarOf(objects).envFrom ?? []) {
    if (source.configMapRef) Object.assign(env, find(objects, 'ConfigMap', source.configMapRef.name).data);
    if (source.secretRef) Object.assign(env, find(objects, 'Secret', source.secretRef.name).stringData);
  }
  return env;
}

describe.each(Object.entries(RENDERINGS))('deploy/kubernetes, %s', (_name, directory) => {
  const objects = renderKustomization(join(DEPLOY, directory));
  const workDir = mkdtempSync(join(tmpdir(), 'k8s-config-'));
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('should render objects that all validate against the Kubernetes schemas', () => {
    // Assert
    expect(objects.length).toBeGreaterThan(0);
    for (const object of objects) {
      const Model = MODELS[`${object.apiVersion}/${object.kind}`];
      expect(Model, `a schema for ${object.apiVersion} ${object.kind}`).toBeDefined();
      expect(
        () => new Model(object as never).validate(),
        `${object.kind} ${object.metadata.name}`,
      ).not.toThrow();
    }
  });

  it('should run the sidecar as a native sidecar container with probes, limits and a locked-down process', () => {
    // Arrange
    const sidecar = sidecarOf(objects);
    const pod = podSpec(objects).spec;

    // Assert
    expect(sidecar.restartPolicy).toBe('Always');
    expect(sidecar.startupProbe?.httpGet?.path).toBe('/healthz/live');
    expect(sidecar.livenessProbe?.httpGet?.path).toBe('/healthz/live');
    expect(sidecar.readinessProbe?.httpGet?.path).toBe('/healthz/ready');
    expect(sidecar.resources?.requests?.memory).toBeDefined();
    expect(sidecar.resources?.limits?.memory).toBeDefined();
    expect(sidecar.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      runAsUser: 1654,
      capabilities: { drop: ['ALL'] },
    });
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1654 });
    expect(
      pod.containers.every((container) => container.securityContext?.allowPrivilegeEscalation === false),
    ).toBe(true);
  });

  it('should configure it through a ConfigMap and a Secret, with workload identity, in a form the sidecar accepts', () => {
    // Arrange
    const env = sidecarEnvironment(objects);
    const account = find(objects, 'ServiceAccount', podSpec(objects).spec.serviceAccountName ?? '');

    // Act: the sidecar's own configuration loader, as the container would run it.
    const configuration = loadConfiguration({
      env: { ...env, AZURE_FEDERATED_TOKEN_FILE: '/var/run/token' },
      cwd: workDir,
      argv: [],
    });

    // Assert
    expect(sidecarOf(objects).envFrom?.map((source) => Object.keys(source)[0])).toEqual([
      'configMapRef',
      'secretRef',
    ]);
    expect(podSpec(objects).metadata.labels).toMatchObject({ 'azure.workload.identity/use': 'true' });
    expect(
      (account.metadata.annotations as Record<string, string>)['azure.workload.identity/client-id'],
    ).toBe(env.AzureAd__ClientId);
    expect(env.AzureAd__ClientCredentials__0__SourceType).toBe('SignedAssertionFilePath');
    expect(configuration.settings.host.listenAddresses[0].port).toBe(5000);
  });

  it("should let other pods reach only the application's port, and keep a replica through disruptions", () => {
    // Arrange
    const policy = find(objects, 'NetworkPolicy', 'orders').spec as {
      policyTypes: string[];
      ingress: { ports?: { port: number }[] }[];
    };
    const budget = find(objects, 'PodDisruptionBudget', 'orders').spec as { minAvailable?: number };

    // Assert
    expect(policy.policyTypes).toContain('Ingress');
    const ports = policy.ingress.flatMap((rule) => (rule.ports ?? [{ port: -1 }]).map((entry) => entry.port));
    expect(ports).not.toContain(5000);
    expect(ports).not.toContain(-1); // a rule without ports would open every port, the sidecar's included
    expect(budget.minAvailable).toBeGreaterThanOrEqual(1);
  });
});

describe('the schema validation itself', () => {
  it('should refuse a Deployment the Kubernetes API would refuse', () => {
    // Arrange: the base's Deployment with a misspelt field type.
    const deployment = find(renderKustomization(join(DEPLOY, RENDERINGS.base)), 'Deployment', 'orders');
    (deployment.spec as { replicas: unknown }).replicas = 'two';

    // Act / Assert
    expect(() => new Deployment(deployment as never).validate()).toThrow(/replicas/);
  });
});

describe('deploy/kubernetes, the Redis overlay', () => {
  it('should point every replica at the shared cache, with the encryption key in the Secret', () => {
    // Arrange
    const objects = renderKustomization(join(DEPLOY, RENDERINGS.redis));
    const configMap = find(objects, 'ConfigMap', 'entra-sidecar').data as Record<string, string>;
    const secret = find(objects, 'Secret', 'entra-sidecar').stringData as Record<string, string>;

    // Assert
    expect(configMap.Sidecar__TokenCache__Redis__ConnectionString).toBe('redis://token-cache:6379');
    expect(configMap.Sidecar__TokenCache__Redis__EncryptionKey).toBeUndefined();
    expect(Buffer.from(secret.Sidecar__TokenCache__Redis__EncryptionKey, 'base64')).toHaveLength(32);
    expect(find(objects, 'Service', 'token-cache')).toBeDefined();
    expect(configMap.AzureAd__ClientId).toBeDefined(); // the base's keys survive the patch
  });
});
