import rule from '../../rules/no-singleton-provider-state.js';
import { createRuleTester } from '../support/rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-singleton-provider-state', rule, {
  valid: [
    {
      name: 'request-scoped provider',
      code: `
import { Injectable, Scope } from '@nestjs/common';
@Injectable({ scope: Scope.REQUEST })
export class AuditTrail {
  private readonly entries: string[] = [];
  record(action: string) {
    this.entries.push(action);
  }
}
`,
    },
    {
      name: 'transient provider',
      code: `
import { Injectable, Scope } from '@nestjs/common';
@Injectable({ scope: Scope.TRANSIENT })
export class Counter {
  private count = 0;
  next() {
    return ++this.count;
  }
}
`,
    },
    {
      name: 'plain class created per request',
      code: `
export class RequestContext {
  warnings: string[] = [];
  warn(message: string) {
    this.warnings.push(message);
  }
}
`,
    },
    {
      name: 'field set in the constructor and onModuleInit',
      code: `
import { Injectable, OnModuleInit } from '@nestjs/common';
@Injectable()
export class RatesService implements OnModuleInit {
  private rates = new Map<string, number>();
  constructor() {
    this.rates = new Map();
  }
  onModuleInit() {
    this.rates.set('EUR', 1);
  }
  rate(code: string) {
    return this.rates.get(code);
  }
}
`,
    },
    {
      name: 'lazily created client',
      code: `
import { Injectable } from '@nestjs/common';
import { S3Client } from '@aws-sdk/client-s3';
@Injectable()
export class StorageService {
  private client?: S3Client;
  get s3() {
    return (this.client ??= new S3Client({}));
  }
}
`,
    },
    {
      name: 'field changed by a scheduled method',
      code: `
import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
@Injectable()
export class HealthService {
  private lastCheck = 0;
  @Interval(10_000)
  check() {
    this.lastCheck = Date.now();
  }
}
`,
    },
    {
      name: 'decorator that is not from NestJS',
      code: `
import { Injectable } from './di';
@Injectable()
export class Store {
  private items: string[] = [];
  add(item: string) {
    this.items.push(item);
  }
}
`,
    },
    {
      name: 'scope chosen by a variable',
      code: `
import { Injectable } from '@nestjs/common';
import { scope } from './config';
@Injectable({ scope })
export class Store {
  private items: string[] = [];
  add(item: string) {
    this.items.push(item);
  }
}
`,
    },
    {
      name: 'injected dependency used read-only',
      code: `
import { Injectable, Logger } from '@nestjs/common';
@Injectable()
export class OrdersService {
  private readonly logger = new Logger('orders');
  create(id: string) {
    this.logger.log(id);
  }
}
`,
    },
    {
      name: 'field changed by a private method called at start-up',
      code: `
import { Injectable, OnModuleInit } from '@nestjs/common';
@Injectable()
export class RatesService implements OnModuleInit {
  private rates = new Map<string, number>();
  onModuleInit() {
    this.load();
  }
  private load() {
    this.rates.set('EUR', 1);
  }
}
`,
    },
    {
      name: 'field changed at shutdown',
      code: `
import { Injectable } from '@nestjs/common';
@Injectable()
export class Connections {
  private open = new Set<string>();
  onApplicationShutdown() {
    this.open.clear();
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'counter in a default-scope service',
      code: `
import { Injectable } from '@nestjs/common';
@Injectable()
export class VisitsService {
  private visits = 0;
  visit() {
    this.visits++;
  }
}
`,
      errors: [{ messageId: 'singletonField', data: { name: 'visits', provider: 'VisitsService' }, line: 5, column: 11, endLine: 5, endColumn: 17 }],
    },
    {
      name: 'request data stored on a controller',
      code: `
import { Controller, Get, Req } from '@nestjs/common';
@Controller('me')
export class MeController {
  private currentUser: unknown;
  @Get()
  me(@Req() req: { user: unknown }) {
    this.currentUser = req.user;
    return this.currentUser;
  }
}
`,
      errors: [{ messageId: 'singletonField', line: 5, column: 11, endLine: 5, endColumn: 22 }],
    },
    {
      name: 'session map in a service',
      code: `
import { Injectable } from '@nestjs/common';
@Injectable()
export class AuthService {
  private readonly sessions = new Map<string, string>();
  login(sid: string, userId: string) {
    this.sessions.set(sid, userId);
  }
}
`,
      errors: [{ messageId: 'singletonField', data: { name: 'sessions', provider: 'AuthService' }, line: 5, column: 20, endLine: 5, endColumn: 28 }],
    },
    {
      name: 'explicit default scope',
      code: `
import { Injectable, Scope } from '@nestjs/common';
@Injectable({ scope: Scope.DEFAULT })
export class QueueService {
  private pending: string[] = [];
  enqueue(id: string) {
    this.pending.push(id);
  }
}
`,
      errors: [{ messageId: 'singletonField', line: 5, column: 11, endLine: 5, endColumn: 18 }],
    },
    {
      name: 'arrow function field changing state',
      code: `
import { Injectable } from '@nestjs/common';
@Injectable()
export class TagService {
  private tags = new Set<string>();
  tag = (name: string) => {
    this.tags.add(name);
  };
}
`,
      errors: [{ messageId: 'singletonField', line: 5, column: 11, endLine: 5, endColumn: 15 }],
    },
    {
      name: 'field changed by a public method called at start-up',
      code: `
import { Injectable, OnModuleInit } from '@nestjs/common';
@Injectable()
export class RatesService implements OnModuleInit {
  private rates = new Map<string, number>();
  onModuleInit() {
    this.load();
  }
  load() {
    this.rates.set('EUR', 1);
  }
}
`,
      errors: [{ messageId: 'singletonField', line: 5, column: 11, endLine: 5, endColumn: 16 }],
    },
    {
      name: 'field changed by a message pattern handler',
      code: `
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
@Controller()
export class OrdersController {
  private lastOrderId = '';
  @MessagePattern('order.created')
  onModuleCreated(id: string) {
    this.lastOrderId = id;
  }
}
`,
      errors: [{ messageId: 'singletonField', line: 6, column: 11, endLine: 6, endColumn: 22 }],
    },
  ],
});
