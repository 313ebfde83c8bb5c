/**
 * The upload engine's Node entry: everything of the browser entry, files on disk as sources, and
 * resume records kept on disk. A browser bundle imports `src/upload-engine` only, never this folder.
 */
export * from '../index';
export { sourceFromPath, type PathSourceOptions } from './node-source';
export { FileResumeStore } from './file-resume-store';
export { nodeMd5Thread } from './node-md5-thread';
export { FileHashHistory } from './file-hash-history';
export { FingerprintedJsonFiles } from './json-file-directory';
