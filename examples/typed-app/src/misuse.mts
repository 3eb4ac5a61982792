// Must NOT compile: the test reads tsc's messages, which must name the database type as users
// write it (`Satchel<Todo>`), never a bundler-made name.
import Satchel from '@satchel/node';

interface Todo {
  title: string;
}

const db = new Satchel<Todo>('misuse');
db.nope();
