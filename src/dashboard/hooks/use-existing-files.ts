import { useEffect, useMemo, useRef, useState } from 'react';
import type { UploadError } from '../../upload-engine';
import {
  destinedFileKey,
  existingFilesCalls,
  existingFilesFound,
  keysAsked,
  NOT_LISTED,
  type ExistingFileFound,
} from '../../shared/existing-files';
import { findExistingFiles } from '../owner-methods';
import { destinedFileOf, needsExistingFileCheck, type ExistingFileCheck, type StagedFile } from '../staging';

/** How long the staged files stay unchanged before they are checked (not at every keystroke of a rename). */
const CHECK_AFTER_MS = 200;

/** A check's answer: what it found (existing-files.ts), or no answer to be had. */
type Answer = ExistingFileFound | 'unchecked';

/** Each staged file's key, made once per file object: the keys of 10,000 files are walked at each change of the list. */
const keys = new WeakMap<StagedFile, string>();
function keyOf(file: StagedFile): string {
  let key = keys.get(file);
  if (key === undefined) {
    key = destinedFileKey(destinedFileOf(file));
    keys.set(file, key);
  }
  return key;
}

/**
 * The check for duplicates of the staged files, by staged id: before any byte is sent, the Media
 * Manager is asked which of them are already in their destination folder (findExistingFiles, one
 * listing per folder for each batch staged). Answers are kept while a file of that destination,
 * name and size is staged, and forgotten once none is: a file staged again after it was uploaded
 * is asked about afresh. Files with a problem are not asked about (they are not sent anyway).
 * While a drop's sizes are still being read (`sizesComing`), nothing is asked: the files are asked
 * about once all are known, one listing per folder for the whole drop rather than one per batch of sizes.
 */
export function useExistingFiles(
  staged: readonly StagedFile[],
  problems: ReadonlyMap<string, UploadError>,
  sizesComing = false,
): Map<string, ExistingFileCheck> {
  const [answers, setAnswers] = useState<ReadonlyMap<string, Answer>>(new Map());
  /** Keys asked about (answered or on their way), for as long as a staged file has them. */
  const asked = useRef(new Set<string>());

  const checked = useMemo(() => staged.filter((file) => needsExistingFileCheck(file) && !problems.has(file.id)), [staged, problems]);

  useEffect(() => {
    const current = new Set(checked.map(keyOf));
    for (const key of asked.current) if (!current.has(key)) asked.current.delete(key);
    setAnswers((known) => {
      const kept = [...known].filter(([key]) => current.has(key));
      return kept.length === known.size ? known : new Map(kept);
    });
    const toAsk = checked.filter((file) => !asked.current.has(keyOf(file)));
    if (toAsk.length === 0 || sizesComing) return;
    const timer = setTimeout(() => {
      for (const call of existingFilesCalls(toAsk.map(destinedFileOf))) {
        const keys = keysAsked(call);
        for (const key of keys) asked.current.add(key);
        const settle = (answerOf: (key: string) => Answer) =>
          setAnswers((known) => {
            const next = new Map(known);
            for (const key of keys) if (asked.current.has(key)) next.set(key, answerOf(key));
            return next;
          });
        findExistingFiles(call.destinations).then(
          (result) => {
            if (!result.ok) return settle(() => 'unchecked');
            const found = existingFilesFound(call, result.folders);
            settle((key) => found.get(key) ?? null);
          },
          () => settle(() => 'unchecked'),
        );
      }
    }, CHECK_AFTER_MS);
    return () => clearTimeout(timer);
  }, [checked, sizesComing]);

  return useMemo(() => {
    const checks = new Map<string, ExistingFileCheck>();
    for (const file of checked) {
      const answer = answers.get(keyOf(file));
      checks.set(
        file.id,
        answer === undefined
          ? { state: 'checking' }
          : answer === 'unchecked'
            ? { state: 'unchecked' }
            : answer === NOT_LISTED
              ? { state: 'not-listed' }
              : answer === null
                ? { state: 'new' }
                : { state: 'exists', existing: answer },
      );
    }
    return checks;
  }, [checked, answers]);
}
