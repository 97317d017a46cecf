export type { CallbackDelivery } from './callback-sender';
export type { CallbackIdentity, SelectedItem } from './callback-xml-builders';
export { kfMsgOrEventXml, templateCardEventXml } from './callback-xml-builders';
export { FAKE_CALLER_IP, FAKE_CHOSEN_ERRCODES } from './errcodes';
export type { DeliverOptions, FakeCallbackDriver } from './fake-callback-driver';
export type {
  CallbackTarget,
  FakeApp,
  FakeWecomOptions,
  RecordedCall,
  RecordedCardUpdate,
  RecordedSend,
  WecomReply,
} from './fake-types';
export { FakeWecomServer } from './fake-wecom-server';
export type { FakeKfConsole } from './kf-console';
export type { KfMessage } from './kf-queue';
export type { MediaType } from './media-store';
