// Renders deploy/kubernetes the way `kubectl kustomize` does, for the part of kustomize the manifests use:
// `resources` (files and directories with their own kustomization) and `patches` by path (strategic merge, where
// lists of named items merge by `name`). kustomize itself is not on the CI machines; any other kustomization field
// fails the render, so the manifests cannot start relying on something this does not do.
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; [key: string]: unknown };
  [key: string]: unknown;
}

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  resources?: string[];
  patches?: { path: string }[];
}

const UNDERSTOOD = new Set(['apiVersion', 'kind', 'resources', 'patches']);

export function renderKustomization(directory: string): KubernetesObject[] {
  const kustomization = readDocuments(join(directory, 'kustomization.yaml'))[0] as Kustomization;
  const unknown = Object.keys(kustomization).filter((key) => !UNDERSTOOD.has(key));
  if (unknown.length > 0)
    throw new Error(`${directory}: kustomization fields not rendered here: ${unknown.join(', ')}`);
  const objects: KubernetesObject[] = [];
  for (const resource of kustomization.resources ?? []) {
    const path = resolve(directory, resource);
    objects.push(
      ...(statSync(path).isDirectory()
        ? renderKustomization(path)
        : (readDocuments(path) as KubernetesObject[])),
    );
  }
  for (const { path } of kustomization.patches ?? []) {
    for (const patch of readDocuments(resolve(directory, path)) as KubernetesObject[]) {
      const target = objects.find((o) => o.kind === patch.kind && o.metadata.name === patch.metadata.name);
      if (target === undefined) throw new Error(`${path}: no ${patch.kind} ${patch.metadata.name} to patch`);
      strategicMerge(target, patch);
    }
  }
  return objects;
}

function readDocuments(file: string): unknown[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).map((document) => document.toJS() as unknown);
}

function strategicMerge(target: Record<string, unknown>, patch: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(patch)) {
    const current = target[key];
    if (Array.isArray(value) && Array.isArray(current) && value.every(isNamed) && current.every(isNamed)) {
      for (const item of value) {
        const match = current.find((existing) => existing.name === item.name);
        if (match === undefined) current.push(item);
        else strategicMerge(match, item);
      }
    } else if (isObject(value) && isObject(current)) {
      strategicMerge(current, value);
    } else {
      target[key] = value;
    }
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isNamed = (value: unknown): value is Record<string, unknown> & { name: string } =>
  isObject(value) && typeof value.name === 'string';
