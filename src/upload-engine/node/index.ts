/**
 * The upload engine's Node entry: everything of the browser entry, and files on disk as sources.
 * A browser bundle imports `src/upload-engine` only, never this folder.
 */
export * from '../index';
export { sourceFromPath, type PathSourceOptions } from './node-source';
