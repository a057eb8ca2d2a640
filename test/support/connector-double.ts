/**
 * The Teams Bot Connector double for tests. The implementation lives in
 * src/tools/connector-double.ts so the compiled benchmark can use it too.
 *
 *   const connector = await startConnectorDouble({ members: [...] });
 *   // post a Teams-like activity to the bot with serviceUrl: connector.url, then:
 *   await connector.waitForSent(1);
 *   connector.sentTo('a:personal')[0].activity.text;
 *   await connector.stop();
 */
export {
  startConnectorDouble,
  TEAMS_CONVERSATION_LIMITS,
  type ConnectorDouble,
  type ConnectorDoubleOptions,
  type ConnectorStats,
  type CreatedConversation,
  type Recorded,
  type RosterEntry,
  type WindowLimit,
} from '../../src/tools/connector-double.js';
