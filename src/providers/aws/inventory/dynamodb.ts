import { DescribeTableCommand, DynamoDBClient, paginateListTables } from '@aws-sdk/client-dynamodb';
import { emptyInventory, type InventoryResult } from '../types.js';
import { mapLimit } from '../util.js';
import { capNote, detail, DETAIL_CONCURRENCY, listOrNote, MAX_DETAILED, type InventoryContext } from './common.js';

/** DynamoDB tables of the region, with their deletion protection. */
export async function inventoryDynamoDb(ctx: InventoryContext): Promise<InventoryResult> {
  const inventory = emptyInventory();
  const dynamodb = ctx.session.track(new DynamoDBClient(ctx.session.clientConfig('dynamodb')));
  const tables = await listOrNote(
    inventory,
    ctx,
    'dynamodb:ListTables',
    () => paginateListTables({ client: dynamodb }, {}),
    (page) => page.TableNames,
  );
  if (!tables) return inventory;
  const { partition, region, account } = ctx.scope;
  inventory.observed.push({ operation: 'dynamodb:ListTables', resource: `arn:${partition}:dynamodb:${region}:${account}:table/*` });
  capNote(inventory, 'DynamoDB tables', tables.length);
  await mapLimit(tables, DETAIL_CONCURRENCY, async (name) => {
    const fallbackArn = `arn:${partition}:dynamodb:${region}:${account}:table/${name}`;
    const described =
      tables.indexOf(name) < MAX_DETAILED
        ? await detail(inventory, ctx, `dynamodb:DescribeTable ${name}`, () => dynamodb.send(new DescribeTableCommand({ TableName: name })))
        : undefined;
    const table = described?.ok ? described.data.Table : undefined;
    const arn = table?.TableArn ?? fallbackArn;
    inventory.resources.push({
      id: arn,
      type: 'dynamodb-table',
      name,
      provider: 'aws',
      attributes: table ? { deletionProtection: table.DeletionProtectionEnabled ?? false, items: table.ItemCount } : {},
    });
    if (table?.DeletionProtectionEnabled) {
      inventory.protections.push({
        kind: 'deletion-protection',
        resource: arn,
        blocks: ['dynamodb:DeleteTable'],
        description: 'DynamoDB deletion protection is on for this table',
        removableBy: ['dynamodb:UpdateTable'],
      });
    }
    inventory.targets.push({ resourceId: arn, target: 'dynamodb-table', arn });
  });
  return inventory;
}
