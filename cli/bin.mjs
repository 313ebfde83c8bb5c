#!/usr/bin/env node
// `resumable-upload`: runs the TypeScript entry through tsx, a devDependency of this repository.
import { register } from 'tsx/esm/api';

register();
await import('./cli-process.ts');
