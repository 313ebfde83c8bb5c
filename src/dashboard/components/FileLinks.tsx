import React, { type FC, useState } from 'react';
import { Box, CopyClipboard, Text, TextButton } from '@wix/design-system';
import { usePrivateFileLink } from '../hooks/use-private-file-link';
import { DOWNLOAD_LINK_MINUTES } from '../../shared/upload-methods';
import { inactive } from './inactive';

interface Props {
  fileId: string;
  name: string;
  url: string;
  isPrivate: boolean;
}

const PublicFileLinks: FC<Omit<Props, 'isPrivate' | 'fileId'>> = ({ name, url }) => (
  <Box gap="SP2" verticalAlign="middle">
    <TextButton as="a" href={url} target="_blank" rel="noreferrer" size="small" dataHook="open-file" ariaLabel={`Open ${name}`}>
      Open
    </TextButton>
    <CopyClipboard value={url}>
      {({ copyToClipboard, isCopied }) => (
        <TextButton
          size="small"
          onClick={() => copyToClipboard()}
          // The name starts with the words shown, as speech input users say them.
          ariaLabel={`${isCopied ? 'Copied' : 'Copy URL'} of ${name}`}
          dataHook="copy-url"
        >
          {isCopied ? 'Copied' : 'Copy URL'}
        </TextButton>
      )}
    </CopyClipboard>
  </Box>
);

const PrivateFileLinks: FC<Omit<Props, 'isPrivate' | 'url'>> = ({ fileId, name }) => {
  const link = usePrivateFileLink(fileId);
  const [copied, setCopied] = useState(false);
  return (
    <Box gap="SP2" verticalAlign="middle">
      <TextButton size="small" {...inactive(link.busy)} onClick={() => void link.open()} ariaLabel={`Open ${name}`} dataHook="open-file">
        Open
      </TextButton>
      <TextButton
        size="small"
        {...inactive(link.busy)}
        onClick={() => void link.copy().then((result) => setCopied(result.ok))}
        ariaLabel={
          copied
            ? `Copied: expires in ${DOWNLOAD_LINK_MINUTES} min, a link to ${name}`
            : `Copy link to ${name} (expires in ${DOWNLOAD_LINK_MINUTES} minutes)`
        }
        dataHook="copy-url"
      >
        {copied ? `Copied: expires in ${DOWNLOAD_LINK_MINUTES} min` : 'Copy link'}
      </TextButton>
      {link.error ? (
        <Text size="tiny" skin="error">
          {link.error}
        </Text>
      ) : null}
    </Box>
  );
};

/** Open and Copy for a finished file: its URL, or for a private file a fresh temporary link. */
export const FileLinks: FC<Props> = ({ isPrivate, fileId, name, url }) =>
  isPrivate ? <PrivateFileLinks fileId={fileId} name={name} /> : <PublicFileLinks name={name} url={url} />;
