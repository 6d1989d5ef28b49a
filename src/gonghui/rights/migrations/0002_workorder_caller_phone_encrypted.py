"""WorkOrder.caller_phone moves onto core.encrypted.EncryptedField (issue 8): the new columns
are added, every stored phone is encrypted into them, then the plain column is dropped."""

from django.db import migrations, models

from gonghui.core.encrypted import decrypt_into_column, encrypt_existing_column
from gonghui.core.validators import mask_phone, normalize_mobile


def encrypt(apps, schema_editor):
    encrypt_existing_column(
        apps.get_model("rights", "WorkOrder"),
        plain="caller_phone",
        prefix="caller_phone",
        mask=mask_phone,
        normalize=normalize_mobile,
        connection=schema_editor.connection,
    )


def decrypt(apps, schema_editor):
    decrypt_into_column(
        apps.get_model("rights", "WorkOrder"), plain="caller_phone", prefix="caller_phone"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("rights", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="workorder",
            name="caller_phone_cipher",
            field=models.TextField(blank=True, default="", verbose_name="联系电话（密文）"),
        ),
        migrations.AddField(
            model_name="workorder",
            name="caller_phone_index",
            field=models.CharField(
                blank=True, db_index=True, default="", max_length=64, verbose_name="联系电话索引"
            ),
        ),
        migrations.AddField(
            model_name="workorder",
            name="caller_phone_masked",
            field=models.CharField(
                blank=True, default="", max_length=30, verbose_name="联系电话（脱敏）"
            ),
        ),
        migrations.RunPython(encrypt, decrypt),
        migrations.RemoveField(
            model_name="workorder",
            name="caller_phone",
        ),
    ]
