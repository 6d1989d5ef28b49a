"""Person.phone moves onto core.encrypted.EncryptedField (issue 8): the new columns are added,
every stored phone is encrypted into them, then the plain column is dropped."""

from django.db import migrations, models

from gonghui.core.encrypted import decrypt_into_column, encrypt_existing_column
from gonghui.core.validators import mask_phone, normalize_mobile


def encrypt(apps, schema_editor):
    encrypt_existing_column(
        apps.get_model("members", "Person"),
        plain="phone",
        prefix="phone",
        mask=mask_phone,
        normalize=normalize_mobile,
        connection=schema_editor.connection,
    )


def decrypt(apps, schema_editor):
    decrypt_into_column(apps.get_model("members", "Person"), plain="phone", prefix="phone")


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_delete_importjob"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="phone_cipher",
            field=models.TextField(blank=True, default="", verbose_name="手机号（密文）"),
        ),
        migrations.AddField(
            model_name="person",
            name="phone_index",
            field=models.CharField(
                blank=True, db_index=True, default="", max_length=64, verbose_name="手机号索引"
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="phone_masked",
            field=models.CharField(
                blank=True, default="", max_length=11, verbose_name="手机号（脱敏）"
            ),
        ),
        migrations.RunPython(encrypt, decrypt),
        migrations.RemoveField(
            model_name="person",
            name="phone",
        ),
    ]
