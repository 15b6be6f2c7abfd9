"""Leaner submission: the "received" step and the recipient's notice come from the message row,
and the row is written into fewer indexes (foreign keys covered by composites, partial ones,
unique constraints without PostgreSQL's extra LIKE indexes).

Messages received before this were told at once and have their step on the timeline, so they
count as notified; their first time limit is the one they carry.
"""

import django.db.models.deletion
import renda.channel.workflow
from django.db import migrations, models


def backfill(apps, schema_editor):
    Message = apps.get_model("channel", "Message")
    Message.objects.update(first_due_on=models.F("due_on"), notified_at=models.F("received_at"))


class Migration(migrations.Migration):

    dependencies = [
        ('channel', '0001_initial'),
        ('core', '0002_append_only_logs'),
        ('directory', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='message',
            name='first_due_on',
            field=models.DateField(null=True, verbose_name='收到时的答复期限'),
        ),
        migrations.AddField(
            model_name='message',
            name='notified_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='message',
            name='first_due_on',
            field=models.DateField(verbose_name='收到时的答复期限'),
        ),
        migrations.AlterField(
            model_name='message',
            name='congress',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.congress'),
        ),
        migrations.AlterField(
            model_name='message',
            name='deputy',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='directory.deputy'),
        ),
        migrations.AlterField(
            model_name='message',
            name='merged_into',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='duplicates', to='channel.message'),
        ),
        migrations.AlterField(
            model_name='message',
            name='state',
            field=models.CharField(choices=[('received', '已收到'), ('handling', '代表办理中'), ('forwarded', '已转人大办公室'), ('assigned', '已交办承办单位'), ('unit_handling', '承办单位办理中'), ('replied', '已答复'), ('converted', '已转为代表建议或立法意见'), ('merged', '已合并办理'), ('rated', '已评价')], default=renda.channel.workflow.State['RECEIVED'], max_length=20, verbose_name='状态'),
        ),
        migrations.AlterField(
            model_name='message',
            name='station',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='directory.station'),
        ),
        migrations.AlterField(
            model_name='message',
            name='unit',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='directory.organization', verbose_name='承办单位'),
        ),
        migrations.AddIndex(
            model_name='message',
            index=models.Index(condition=models.Q(('notified_at__isnull', True)), fields=['id'], name='message_to_notify'),
        ),
        migrations.AddIndex(
            model_name='message',
            index=models.Index(condition=models.Q(('merged_into__isnull', False)), fields=['merged_into'], name='message_merged_into'),
        ),
        migrations.RemoveIndex(
            model_name='message',
            name='channel_mes_deputy__4b6d4e_idx',
        ),
        migrations.RemoveIndex(
            model_name='message',
            name='channel_mes_station_cea25c_idx',
        ),
        migrations.RemoveIndex(
            model_name='message',
            name='channel_mes_unit_id_3b0fd6_idx',
        ),
        migrations.AddIndex(
            model_name='message',
            index=models.Index(condition=models.Q(('deputy__isnull', False)), fields=['deputy', 'state'], name='message_deputy_state'),
        ),
        migrations.AddIndex(
            model_name='message',
            index=models.Index(condition=models.Q(('station__isnull', False)), fields=['station', 'state'], name='message_station_state'),
        ),
        migrations.AddIndex(
            model_name='message',
            index=models.Index(condition=models.Q(('unit__isnull', False)), fields=['unit', 'state'], name='message_unit_state'),
        ),
        migrations.AlterField(
            model_name='message',
            name='idempotency_key',
            field=models.CharField(blank=True, max_length=64, null=True),
        ),
        migrations.AlterField(
            model_name='message',
            name='tracking_code',
            field=models.CharField(max_length=12, verbose_name='查询码'),
        ),
        migrations.AddConstraint(
            model_name='message',
            constraint=models.UniqueConstraint(fields=('tracking_code',), name='message_tracking_code_unique'),
        ),
        migrations.AddConstraint(
            model_name='message',
            constraint=models.UniqueConstraint(condition=models.Q(('idempotency_key__isnull', False)), fields=('idempotency_key',), name='message_idempotency_key_unique'),
        ),
    ]
