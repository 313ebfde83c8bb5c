/// <reference types="@wix/cli-app/client" />
