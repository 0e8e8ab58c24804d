CREATE TABLE `shop_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` integer NOT NULL,
	`name` text NOT NULL,
	`category` text DEFAULT '' NOT NULL,
	`points_price` integer NOT NULL,
	`monthly_limit` integer,
	`photo_key` text,
	`active` integer DEFAULT true NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`stock` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "shop_items_price" CHECK("shop_items"."points_price" > 0),
	CONSTRAINT "shop_items_limit" CHECK("shop_items"."monthly_limit" is null or "shop_items"."monthly_limit" > 0),
	CONSTRAINT "shop_items_stock" CHECK("shop_items"."stock" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shop_items_village_name` ON `shop_items` (`village_id`,`name`);--> statement-breakpoint
CREATE TABLE `shop_order_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	`quantity` integer NOT NULL,
	`unit_points` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `shop_orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `shop_items`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "shop_order_lines_quantity" CHECK("shop_order_lines"."quantity" > 0),
	CONSTRAINT "shop_order_lines_points" CHECK("shop_order_lines"."unit_points" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shop_order_lines_item` ON `shop_order_lines` (`order_id`,`item_id`);--> statement-breakpoint
CREATE INDEX `shop_order_lines_item_idx` ON `shop_order_lines` (`item_id`);--> statement-breakpoint
CREATE TABLE `shop_orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` integer NOT NULL,
	`household_id` integer NOT NULL,
	`status` text DEFAULT 'reserved' NOT NULL,
	`total_points` integer NOT NULL,
	`pickup_code` text NOT NULL,
	`placed_by` integer NOT NULL,
	`on_behalf_of_member_id` integer,
	`client_token` text,
	`created_at` integer NOT NULL,
	`handed_over_at` integer,
	`handed_over_by` integer,
	`cancelled_at` integer,
	`cancelled_by` integer,
	`cancel_reason` text,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`placed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`on_behalf_of_member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`handed_over_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cancelled_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "shop_orders_total" CHECK("shop_orders"."total_points" > 0),
	CONSTRAINT "shop_orders_code" CHECK(length("shop_orders"."pickup_code") = 6),
	CONSTRAINT "shop_orders_handed_over" CHECK("shop_orders"."status" <> 'handed_over' or ("shop_orders"."handed_over_at" is not null and "shop_orders"."handed_over_by" is not null)),
	CONSTRAINT "shop_orders_cancelled" CHECK("shop_orders"."status" <> 'cancelled' or "shop_orders"."cancelled_at" is not null)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shop_orders_open_code` ON `shop_orders` (`village_id`,`pickup_code`) WHERE "shop_orders"."status" = 'reserved';--> statement-breakpoint
CREATE UNIQUE INDEX `shop_orders_client_token` ON `shop_orders` (`household_id`,`client_token`);--> statement-breakpoint
CREATE INDEX `shop_orders_household` ON `shop_orders` (`household_id`,`id`);--> statement-breakpoint
CREATE INDEX `shop_orders_village_status` ON `shop_orders` (`village_id`,`status`,`id`);--> statement-breakpoint
CREATE TABLE `stock_counts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	`expected` integer NOT NULL,
	`counted` integer NOT NULL,
	`reason` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`counted_by` integer NOT NULL,
	`decided_by` integer,
	`decided_at` integer,
	`decision_note` text,
	`movement_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `shop_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`counted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`movement_id`) REFERENCES `stock_movements`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "stock_counts_counted" CHECK("stock_counts"."counted" >= 0 and "stock_counts"."expected" >= 0),
	CONSTRAINT "stock_counts_differs" CHECK("stock_counts"."counted" <> "stock_counts"."expected"),
	CONSTRAINT "stock_counts_reason" CHECK(length("stock_counts"."reason") > 0),
	CONSTRAINT "stock_counts_confirmed" CHECK("stock_counts"."status" <> 'confirmed' or ("stock_counts"."movement_id" is not null and "stock_counts"."decided_by" is not null))
);
--> statement-breakpoint
CREATE INDEX `stock_counts_village_status` ON `stock_counts` (`village_id`,`status`,`id`);--> statement-breakpoint
CREATE TABLE `stock_movements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	`kind` text NOT NULL,
	`quantity` integer NOT NULL,
	`donor` text,
	`funding_source` text,
	`value_yuan` integer,
	`reason` text,
	`order_id` integer,
	`actor_user_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `shop_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`order_id`) REFERENCES `shop_orders`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "stock_movements_sign" CHECK(("stock_movements"."kind" in ('purchase', 'donation', 'return') and "stock_movements"."quantity" > 0)
			or ("stock_movements"."kind" = 'redemption' and "stock_movements"."quantity" < 0)
			or ("stock_movements"."kind" = 'stocktake' and "stock_movements"."quantity" <> 0)),
	CONSTRAINT "stock_movements_donation" CHECK("stock_movements"."kind" <> 'donation' or (length("stock_movements"."donor") > 0 and "stock_movements"."funding_source" is not null)),
	CONSTRAINT "stock_movements_stocktake" CHECK("stock_movements"."kind" <> 'stocktake' or length("stock_movements"."reason") > 0),
	CONSTRAINT "stock_movements_order" CHECK(("stock_movements"."kind" in ('redemption', 'return')) = ("stock_movements"."order_id" is not null)),
	CONSTRAINT "stock_movements_value" CHECK("stock_movements"."value_yuan" is null or "stock_movements"."value_yuan" >= 0)
);
--> statement-breakpoint
CREATE INDEX `stock_movements_item` ON `stock_movements` (`item_id`,`id`);--> statement-breakpoint
CREATE INDEX `stock_movements_village_kind` ON `stock_movements` (`village_id`,`kind`,`id`);