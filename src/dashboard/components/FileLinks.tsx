import React, { type FC, useState } from 'react';
import { Box, CopyClipboard, Text, TextButton } from '@wix/design-system';
import { usePrivateFileLink } from '../hooks/use-private-file-link';
import { DOWNLOAD_LINK_MINUTES } from '../../shared/upload-methods';
import { inactive } from './inactive';
import { useI18n } from '../../i18n/use-i18n';

interface Props {
  fileId: string;
  name: string;
  url: string;
  isPrivate: boolean;
}

const PublicFileLinks: FC<Omit<Props, 'isPrivate' | 'fileId'>> = ({ name, url }) => {
  const { t } = useI18n();
  return (
    <Box gap="SP2" verticalAlign="middle">
      <TextButton
        as="a"
        href={url}
        target="_blank"
        rel="noreferrer"
        size="small"
        dataHook="open-file"
        ariaLabel={t('links.openNamed', { name })}
      >
        {t('links.open')}
      </TextButton>
      <CopyClipboard value={url}>
        {({ copyToClipboard, isCopied }) => (
          <TextButton
            size="small"
            onClick={() => copyToClipboard()}
            // The name starts with the words shown, as speech input users say them.
            ariaLabel={isCopied ? t('links.copiedNamed', { name }) : t('links.copyUrlNamed', { name })}
            dataHook="copy-url"
          >
            {isCopied ? t('links.copied') : t('links.copyUrl')}
          </TextButton>
        )}
      </CopyClipboard>
    </Box>
  );
};

const PrivateFileLinks: FC<Omit<Props, 'isPrivate' | 'url'>> = ({ fileId, name }) => {
  const { t } = useI18n();
  const link = usePrivateFileLink(fileId);
  const [copied, setCopied] = useState(false);
  return (
    <Box gap="SP2" verticalAlign="middle">
      <TextButton
        size="small"
        {...inactive(link.busy)}
        onClick={() => void link.open()}
        ariaLabel={t('links.openNamed', { name })}
        dataHook="open-file"
      >
        {t('links.open')}
      </TextButton>
      <TextButton
        size="small"
        {...inactive(link.busy)}
        onClick={() => void link.copy().then((result) => setCopied(result.ok))}
        ariaLabel={
          copied
            ? t('links.copiedExpiresNamed', { minutes: DOWNLOAD_LINK_MINUTES, name })
            : t('links.copyLinkNamed', { minutes: DOWNLOAD_LINK_MINUTES, name })
        }
        dataHook="copy-url"
      >
        {copied ? t('links.copiedExpires', { minutes: DOWNLOAD_LINK_MINUTES }) : t('links.copyLink')}
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
