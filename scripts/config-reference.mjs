#!/usr/bin/env node
// `npm run docs:config`: writes docs/configuration-keys.md from appsettings.schema.json.
import { writeFileSync } from 'node:fs';
import { REFERENCE_FILE, renderConfigReferenceFromFile } from './lib/config-reference.mjs';

writeFileSync(REFERENCE_FILE, renderConfigReferenceFromFile());
process.stdout.write(`wrote ${REFERENCE_FILE}\n`);
